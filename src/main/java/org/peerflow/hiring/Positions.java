package org.peerflow.hiring;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The positions defined through {@code peer-position}: a position is open for applications while
 * its instance waits at {@link #OPEN_ACTIVITY}. Callers run inside an engine command without
 * authorization checks, because applicants (and the portal acting for them) may not read positions.
 */
@Component
class Positions {

  static final String PROCESS_KEY = "peer-position";
  static final String OPEN_ACTIVITY = "Task_ClosePosition";
  /** A position on hold waits here: it is neither open nor closed. */
  static final String ON_HOLD_ACTIVITY = "Task_ResumePosition";

  enum Status {
    OPEN,
    ON_HOLD,
    NOT_YET_POSTED,
    CLOSED,
    UNKNOWN
  }

  private final RuntimeService runtimeService;
  private final HistoryService historyService;

  Positions(RuntimeService runtimeService, HistoryService historyService) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
  }

  Status status(String positionId) {
    if (open(positionId).isPresent()) {
      return Status.OPEN;
    }
    if (runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(positionId)
            .activityIdIn(ON_HOLD_ACTIVITY)
            .count()
        > 0) {
      return Status.ON_HOLD;
    }
    if (runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(positionId)
            .count()
        > 0) {
      return Status.NOT_YET_POSTED;
    }
    if (historyService
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(positionId)
            .count()
        > 0) {
      return Status.CLOSED;
    }
    return Status.UNKNOWN;
  }

  Optional<ProcessInstance> open(String positionId) {
    return runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY)
        .processInstanceBusinessKey(positionId)
        .activityIdIn(OPEN_ACTIVITY)
        .list()
        .stream()
        .findFirst();
  }

  /**
   * Only what an application may carry: the title, the jurisdiction and who interviews; never the
   * position's post-offer rules.
   */
  Map<String, Object> publicFacts(ProcessInstance position) {
    return runtimeService.getVariables(
        position.getId(),
        java.util.List.of("positionTitle", "jurisdiction", "hiringManager", "interviewPeer"));
  }
}
