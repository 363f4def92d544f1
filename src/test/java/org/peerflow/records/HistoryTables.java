package org.peerflow.records;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every history table of the engine, found in the database's own catalogue rather than listed by
 * hand, so that a table a new Camunda version adds is checked too: the {@code ACT_HI_*} tables and
 * {@code ACT_GE_BYTEARRAY} (file and byte values, e-mail bodies, notices' copies).
 */
final class HistoryTables {

  private record Table(String name, boolean hasRoot, boolean hasInstance, boolean hasRemovalTime) {}

  private final JdbcTemplate jdbc;
  private final List<Table> tables;

  HistoryTables(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tables = discover(dataSource);
  }

  private static List<Table> discover(DataSource dataSource) {
    List<Table> found = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          String upper = name.toUpperCase();
          if (upper.startsWith("ACT_HI_") || upper.equals("ACT_GE_BYTEARRAY")) {
            List<String> columns = new ArrayList<>();
            try (ResultSet cols = meta.getColumns(null, rs.getString("TABLE_SCHEM"), name, "%")) {
              while (cols.next()) {
                columns.add(cols.getString("COLUMN_NAME").toUpperCase());
              }
            }
            found.add(new Table(
                name,
                columns.contains("ROOT_PROC_INST_ID_"),
                columns.contains("PROC_INST_ID_"),
                columns.contains("REMOVAL_TIME_")));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    if (found.stream().noneMatch(Table::hasRoot)) {
      throw new IllegalStateException("no history table found: " + found);
    }
    return found;
  }

  /** Rows per table that belong to these instances (by root or by instance id); tables without rows left out. */
  Map<String, Long> rowsOf(Collection<String> instanceIds) {
    if (instanceIds.isEmpty()) {
      // "IN ()" is no SQL (PostgreSQL refuses it), and "the rows of no instance" proves nothing
      throw new IllegalArgumentException("rowsOf needs the ids of the instances to look for");
    }
    Map<String, Long> rows = new TreeMap<>();
    String in = instanceIds.stream()
        .map(id -> "'" + id.replace("'", "") + "'")
        .collect(Collectors.joining(","));
    for (Table table : tables) {
      List<String> conditions = new ArrayList<>();
      if (table.hasRoot()) {
        conditions.add("ROOT_PROC_INST_ID_ IN (" + in + ")");
      }
      if (table.hasInstance()) {
        conditions.add("PROC_INST_ID_ IN (" + in + ")");
      }
      if (conditions.isEmpty()) {
        continue;
      }
      Long count = jdbc.queryForObject(
          "SELECT COUNT(*) FROM " + table.name() + " WHERE " + String.join(" OR ", conditions),
          Long.class);
      if (count != null && count > 0) {
        rows.put(table.name().toUpperCase(), count);
      }
    }
    return rows;
  }

  /** Rows of any case whose removal time has come: what the cleanup still has to remove. */
  long rowsDueAt(Date now) {
    long due = 0;
    for (Table table : tables) {
      if (table.hasRemovalTime()) {
        Long count = jdbc.queryForObject(
            "SELECT COUNT(*) FROM " + table.name() + " WHERE REMOVAL_TIME_ <= ?",
            Long.class,
            new Timestamp(now.getTime()));
        due += count == null ? 0 : count;
      }
    }
    return due;
  }
}
