package org.peerflow.records;

import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What was done to a case's record and by whom: legal holds placed and lifted (with the reason)
 * and every export. Its own table, because the engine's user operation log has no entry for
 * "exported" and is itself removed with the case by the history cleanup, while this log has to
 * outlast the case it speaks about. It holds business keys, user ids and reasons, no case data.
 * Times come from the engine clock, like everything else in a case.
 */
@Component
public class CaseRecordLog {

  enum Action {
    HOLD,
    LIFT,
    EXPORT
  }

  record Entry(String businessKey, Action action, String userId, Date time, String reason) {}

  static final String TABLE = "PEERFLOW_CASE_RECORD_LOG";

  private static final Logger LOG = LoggerFactory.getLogger(CaseRecordLog.class);

  private final JdbcTemplate jdbc;

  CaseRecordLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    createTable();
  }

  /**
   * Idempotent at every start on H2 and PostgreSQL. Two nodes starting together may race on the
   * create: the loser finds the table there and goes on.
   */
  private void createTable() {
    try {
      jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
          + "ID_ VARCHAR(64) NOT NULL PRIMARY KEY, "
          + "BUSINESS_KEY_ VARCHAR(255) NOT NULL, "
          + "ACTION_ VARCHAR(16) NOT NULL, "
          + "USER_ID_ VARCHAR(255) NOT NULL, "
          + "TIME_ TIMESTAMP NOT NULL, "
          + "REASON_ VARCHAR(4000), "
          + "WRITTEN_ BIGINT NOT NULL)");
      jdbc.execute("CREATE INDEX IF NOT EXISTS PEERFLOW_IDX_CASE_RECORD_LOG ON " + TABLE
          + " (BUSINESS_KEY_, WRITTEN_)");
    } catch (DataAccessException e) {
      if (!tableExists()) {
        throw e;
      }
      LOG.info("PEERFLOW-REC-001 Case record log created concurrently by another node");
    }
  }

  private boolean tableExists() {
    try {
      jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
      return true;
    } catch (DataAccessException e) {
      return false;
    }
  }

  void append(String businessKey, Action action, String userId, String reason) {
    jdbc.update(
        "INSERT INTO " + TABLE
            + " (ID_, BUSINESS_KEY_, ACTION_, USER_ID_, TIME_, REASON_, WRITTEN_)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(),
        businessKey,
        action.name(),
        userId,
        new Timestamp(ClockUtil.getCurrentTime().getTime()),
        reason,
        writtenOrder());
  }

  /**
   * The order entries were written in, on the wall clock: the engine clock can stand still (tests)
   * or be moved, and a hold lifted in the same millisecond as it was placed must still read as lifted.
   */
  private static synchronized long writtenOrder() {
    long now = System.currentTimeMillis() * 1000;
    lastWritten = Math.max(now, lastWritten + 1);
    return lastWritten;
  }

  private static long lastWritten;

  /** Oldest first, in the order they were written. */
  List<Entry> entries(String businessKey, Action... actions) {
    List<String> names = java.util.Arrays.stream(actions).map(Action::name).toList();
    return jdbc
        .query(
            "SELECT BUSINESS_KEY_, ACTION_, USER_ID_, TIME_, REASON_ FROM " + TABLE
                + " WHERE BUSINESS_KEY_ = ? ORDER BY WRITTEN_",
            (row, i) -> new Entry(
                row.getString(1),
                Action.valueOf(row.getString(2)),
                row.getString(3),
                new Date(row.getTimestamp(4).getTime()),
                row.getString(5)),
            businessKey)
        .stream()
        .filter(entry -> names.isEmpty() || names.contains(entry.action().name()))
        .toList();
  }

  /** Held when the latest hold or lift is a hold. */
  public boolean isHeld(String businessKey) {
    List<Entry> holds = entries(businessKey, Action.HOLD, Action.LIFT);
    return !holds.isEmpty() && holds.get(holds.size() - 1).action() == Action.HOLD;
  }
}
