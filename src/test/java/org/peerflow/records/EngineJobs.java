package org.peerflow.records;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

/** What the job executor would do, done by the test (the executor is off in tests). */
final class EngineJobs {

  private final ManagementService managementService;
  private final HistoryService historyService;

  EngineJobs(ManagementService managementService, HistoryService historyService) {
    this.managementService = managementService;
    this.historyService = historyService;
  }

  /** Runs every set-removal-time batch (seed, its jobs, the monitor that ends it) until none is left. */
  void runRemovalTimeBatches() {
    for (int round = 0; round < 50 && pendingBatches() > 0; round++) {
      for (Batch batch : managementService
          .createBatchQuery()
          .type(Batch.TYPE_PROCESS_SET_REMOVAL_TIME)
          .list()) {
        for (String definition : List.of(
            batch.getSeedJobDefinitionId(),
            batch.getBatchJobDefinitionId(),
            batch.getMonitorJobDefinitionId())) {
          managementService
              .createJobQuery()
              .jobDefinitionId(definition)
              .list()
              .forEach(job -> managementService.executeJob(job.getId()));
        }
      }
    }
    if (pendingBatches() > 0) {
      throw new AssertionError("set-removal-time batches did not finish");
    }
  }

  private long pendingBatches() {
    return managementService
        .createBatchQuery()
        .type(Batch.TYPE_PROCESS_SET_REMOVAL_TIME)
        .count();
  }

  /**
   * At {@code now}, runs the history cleanup job as the job executor would, as many times as it
   * takes: each run removes one batch per kind of history.
   */
  void cleanUpHistoryAt(Date now, HistoryTables tables) {
    ClockUtil.setCurrentTime(now);
    for (int run = 0; run < 500 && tables.rowsDueAt(now) > 0; run++) {
      Job cleanup = historyService.cleanUpHistoryAsync(true);
      managementService.executeJob(cleanup.getId());
    }
    if (tables.rowsDueAt(now) > 0) {
      throw new AssertionError(
          tables.rowsDueAt(now) + " history rows past their removal time were not removed");
    }
  }
}
