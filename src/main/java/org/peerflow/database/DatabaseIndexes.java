package org.peerflow.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Indexes Peerflow adds to Camunda's tables, from {@value #POSTGRES_SCRIPT}: applied once the
 * engine has created or updated its schema, on PostgreSQL only, idempotently at every start. Each
 * index says in the script which measured query it is for. On H2 the same index changes nothing
 * measurable: H2 builds the whole DISTINCT result of a task query before it sorts and pages it
 * (TasklistQueryBench, bench/RESULTS.md).
 */
@Component
class DatabaseIndexes extends AbstractProcessEnginePlugin {

  static final String POSTGRES_SCRIPT = "org/peerflow/database/postgres-indexes.sql";

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseIndexes.class);

  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    if ("postgres".equals(configuration.getDatabaseType())) {
      apply(configuration.getDataSource(), statements(POSTGRES_SCRIPT));
    }
  }

  /**
   * Each statement on its own (auto-commit): one that fails (an older PostgreSQL without
   * statistics on expressions, a user without the right) is logged and skipped, because the
   * indexes make queries fast, not correct.
   */
  static void apply(DataSource dataSource, List<String> statements) {
    int applied = 0;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        try {
          statement.execute(sql);
          applied++;
        } catch (SQLException e) {
          LOG.warn(
              "PEERFLOW-DB-002 Skipped \"{}\" from {}: {}", sql, POSTGRES_SCRIPT, e.getMessage());
        }
        if (!connection.getAutoCommit()) {
          connection.commit();
        }
      }
    } catch (SQLException e) {
      throw new ProcessEngineException(
          "Cannot apply Peerflow's indexes from " + POSTGRES_SCRIPT + ": " + e.getMessage(), e);
    }
    LOG.info(
        "PEERFLOW-DB-001 {} of {} statements applied from {}",
        applied,
        statements.size(),
        POSTGRES_SCRIPT);
  }

  /** The script's statements: comment lines dropped, split at semicolons. */
  static List<String> statements(String resource) {
    try (InputStream in = DatabaseIndexes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + resource);
      }
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.strip().startsWith("--"))
          .reduce("", (a, b) -> a + "\n" + b);
      return Arrays.stream(script.split(";"))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
