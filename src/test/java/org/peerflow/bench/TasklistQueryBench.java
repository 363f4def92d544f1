package org.peerflow.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Rest;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Tasklist's own query, alone and fast to run (about two minutes instead of the whole
 * benchmark): fills open {@code bench-plain-open-task} tasks up to each level, then times
 * {@code candidateGroup=hr, sortBy=dueDate, maxResults=50} and its count as harper (group hr,
 * authorization on) through the Java API and over HTTP, and prints the SQL Camunda ran with
 * {@code EXPLAIN (ANALYZE, BUFFERS)}. Each level is measured as the engine left the database and
 * again after a plain {@code ANALYZE}, in the same run. Run (bench/README.md):
 *
 * <pre>mvn -B -q test -Dtest=TasklistQueryBench -Dpeerflow.test.database=postgres [-Dbench.tasklist.levels=1000,10000]</pre>
 *
 * Output: standard out and {@code target/bench/tasklist-query.txt}.
 */
class TasklistQueryBench extends IntegrationTestBase {

  private static final String TASK_MAPPER =
      "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity";

  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  TaskService taskService;

  @Autowired
  IdentityService identityService;

  @Autowired
  DataSource dataSource;

  @Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;

  private static final String INDEX = "PF_IDX_IDENT_LNK_TASK_GROUP";
  private static final String SCRIPT = "org/peerflow/database/postgres-indexes.sql";

  private final StringBuilder out = new StringBuilder();

  @Test
  void tasklistQueryAsHarper() throws Exception {
    BenchModels.deployOpenTaskAndNotified(processEngine.getRepositoryService());
    Rest rest = new Rest(port);
    line("database: " + (usesPostgres() ? "PostgreSQL (embedded)" : "H2") + ", " + serverVersion());
    for (String level :
        System.getProperty("bench.tasklist.levels", "1000,10000").split(",")) {
      int target = Integer.parseInt(level.strip());
      long open = openTasks();
      long start = System.nanoTime();
      fill(target - open);
      line(String.format(
          "%n=== %,d open tasks (filled %,d in %.0f s); rows: task %d, identitylink %d, authorization %d",
          openTasks(),
          openTasks() - open,
          (System.nanoTime() - start) / 1e9,
          rows("ACT_RU_TASK"),
          rows("ACT_RU_IDENTITYLINK"),
          rows("ACT_RU_AUTHORIZATION")));
      line("statistics: " + lastAnalyze());
      if (!usesPostgres()) {
        // H2 would answer each repetition from its previous result (tables unchanged): time the
        // query
        sql("SET OPTIMIZE_REUSE_RESULTS 0");
        sql("DROP INDEX IF EXISTS " + INDEX);
        measure("H2: Camunda's schema only", rest, true);
        sql("CREATE INDEX IF NOT EXISTS " + INDEX
            + " ON ACT_RU_IDENTITYLINK (TASK_ID_, GROUP_ID_, TYPE_)");
        measure("H2: with the identity-link index", rest, true);
        continue;
      }
      line("autovacuum: " + show("autovacuum") + ", naptime " + show("autovacuum_naptime"));
      dropFix();
      measure("BEFORE: Camunda's schema only, statistics as found", rest, true);
      sql("ANALYZE");
      line("statistics: " + lastAnalyze());
      measure("Camunda's schema only, after ANALYZE (does ANALYZE alone fix it?)", rest, true);
      applyIndexScript();
      measure(
          "AFTER: with Peerflow's postgres-indexes.sql (index, statistics, ANALYZE of ACT_RU_AUTHORIZATION)",
          rest,
          true);
    }
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/tasklist-query.txt"), out);
  }

  private void measure(String state, Rest rest, boolean explain) {
    line("--- " + state);
    String list = "/engine-rest/task?candidateGroup=hr&sortBy=dueDate&sortOrder=asc&maxResults=50";
    String count = "/engine-rest/task/count?candidateGroup=hr";
    time("HTTP list ", () -> check(rest.get("harper", list)));
    time("HTTP count", () -> check(rest.get("harper", count)));
    List<String[]> statements = new ArrayList<>();
    time(
        "API list  ",
        () -> asHarper(() -> taskService
            .createTaskQuery()
            .taskCandidateGroup("hr")
            .orderByDueDate()
            .asc()
            .listPage(0, 50)
            .size()));
    statements.add(captured(
        () -> asHarper(() -> taskService
            .createTaskQuery()
            .taskCandidateGroup("hr")
            .orderByDueDate()
            .asc()
            .listPage(0, 50)
            .size()),
        "selectTaskByQueryCriteria"));
    time(
        "API count ",
        () -> asHarper(
            () -> taskService.createTaskQuery().taskCandidateGroup("hr").count()));
    statements.add(captured(
        () -> asHarper(
            () -> taskService.createTaskQuery().taskCandidateGroup("hr").count()),
        "selectTaskCountByQueryCriteria"));
    if (explain) {
      for (String[] statement : statements) {
        line("SQL: " + statement[0].replaceAll("\\s+", " "));
        line("parameters: " + statement[1]);
        line(explain(statement[0], statement[1]));
      }
    }
  }

  private Object asHarper(Supplier<Object> call) {
    identityService.setAuthentication("harper", List.of("hr"));
    try {
      return call.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  private void time(String what, Supplier<Object> call) {
    call.get(); // warm-up
    Stats stats = new Stats();
    long end =
        System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("bench.query.seconds", 20));
    while (stats.count() < 20 && (stats.count() < 2 || System.nanoTime() < end)) {
      long start = System.nanoTime();
      call.get();
      stats.add((System.nanoTime() - start) / 1e6);
    }
    line(String.format(
        "%s p50 %s, max %s (%d runs)", what, stats.p(50), stats.p(100), stats.count()));
  }

  private static Object check(Rest.Response response) {
    if (response.status() != 200) {
      throw new IllegalStateException("HTTP " + response.status() + ": " + response.body());
    }
    return response.body();
  }

  /** Runs the call with the TaskEntity mapper at DEBUG and returns the SQL and parameters of one statement. */
  private String[] captured(Supplier<Object> call, String statementId) {
    Logger logger = (Logger) LoggerFactory.getLogger(TASK_MAPPER);
    Level before = logger.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
    try {
      call.get();
    } finally {
      logger.setLevel(before);
      logger.detachAppender(appender);
    }
    String sql = null;
    String parameters = null;
    for (ILoggingEvent event : appender.list) {
      if (!event.getLoggerName().endsWith("." + statementId)) {
        continue;
      }
      String message = event.getFormattedMessage();
      if (message.contains("Preparing:")) {
        sql = message.substring(message.indexOf("Preparing:") + 10).strip();
      } else if (message.contains("Parameters:")) {
        parameters = message.substring(message.indexOf("Parameters:") + 11).strip();
      }
    }
    if (sql == null) {
      throw new IllegalStateException(
          "no SQL logged for " + statementId + ": " + appender.list.size() + " events");
    }
    return new String[] {sql, parameters == null ? "" : parameters};
  }

  private String explain(String sql, String parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            (usesPostgres() ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ANALYZE ") + sql)) {
      bind(statement, parameters);
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          plan.append("    ").append(rows.getString(1)).append('\n');
        }
      }
      return plan.toString();
    } catch (SQLException e) {
      return "EXPLAIN failed: " + e.getMessage();
    }
  }

  /** MyBatis logs "value(Type), value(Type), ..."; the values here contain no ", ". */
  private static void bind(PreparedStatement statement, String parameters) throws SQLException {
    if (parameters.isBlank()) {
      return;
    }
    int index = 1;
    for (String parameter : parameters.split(", ")) {
      int open = parameter.lastIndexOf('(');
      String value = open < 0 ? parameter : parameter.substring(0, open);
      String type = open < 0 ? "null" : parameter.substring(open + 1, parameter.length() - 1);
      switch (type) {
        case "Integer" -> statement.setInt(index, Integer.parseInt(value));
        case "Long" -> statement.setLong(index, Long.parseLong(value));
        case "Boolean" -> statement.setBoolean(index, Boolean.parseBoolean(value));
        case "Timestamp" -> statement.setTimestamp(index, Timestamp.valueOf(value));
        case "null" -> statement.setNull(index, java.sql.Types.VARCHAR);
        default -> statement.setString(index, value);
      }
      index++;
    }
  }

  private void fill(long missing) {
    var commands = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
    Random random = new Random(42);
    for (long done = 0; done < missing; done += 200) {
      long size = Math.min(200, missing - done);
      commands.execute(context -> {
        for (int i = 0; i < size; i++) {
          runtimeService.startProcessInstanceByKey(
              BenchModels.OPEN_TASK,
              Map.of(
                  "due",
                  new Date(System.currentTimeMillis() + (random.nextInt(120) - 30) * 86_400_000L)));
        }
        return null;
      });
    }
  }

  private long openTasks() {
    return taskService
        .createTaskQuery()
        .processDefinitionKey(BenchModels.OPEN_TASK)
        .count();
  }

  private long rows(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }

  private String lastAnalyze() {
    if (!usesPostgres()) {
      return "n/a (H2)";
    }
    StringBuilder result = new StringBuilder();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "select relname, n_live_tup, n_mod_since_analyze, last_analyze, last_autoanalyze"
                + " from pg_stat_user_tables where relname in ('act_ru_task','act_ru_identitylink','act_ru_authorization') order by relname")) {
      while (rows.next()) {
        result.append(String.format(
            "%s live %d, modified since analyze %d, last analyze %s, last autoanalyze %s; ",
            rows.getString(1),
            rows.getLong(2),
            rows.getLong(3),
            rows.getTimestamp(4),
            rows.getTimestamp(5)));
      }
    } catch (SQLException e) {
      return "n/a: " + e.getMessage();
    }
    return result.toString();
  }

  private String serverVersion() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName() + " "
          + connection.getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      return "?";
    }
  }

  /** One statement; JdbcTemplate's exception names the SQL that failed. */
  private void sql(String command) {
    jdbc.execute(command);
  }

  private void dropFix() {
    sql("DROP INDEX IF EXISTS " + INDEX);
    sql("DROP STATISTICS IF EXISTS PF_STAT_AUTH_TASK_PERMS");
  }

  /** The same script Peerflow applies at start-up (org.peerflow.database.DatabaseIndexes). */
  private void applyIndexScript() {
    try (var in = getClass().getClassLoader().getResourceAsStream(SCRIPT)) {
      String script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.strip().startsWith("--"))
          .reduce("", (a, b) -> a + "\n" + b);
      for (String statement : script.split(";")) {
        if (!statement.isBlank()) {
          sql(statement.strip());
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String show(String setting) {
    try {
      return jdbc.queryForObject("SHOW " + setting, String.class);
    } catch (org.springframework.dao.DataAccessException e) {
      return "?";
    }
  }

  private void line(String text) {
    System.out.println(text);
    out.append(text).append('\n');
  }
}
