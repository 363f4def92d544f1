package org.peerflow.hiring;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.peerflow.cases.StartVariables;
import org.springframework.stereotype.Component;

/** Start of {@code peer-position}: a title, a known jurisdiction, and a position id used once. */
@Component("positionProposal")
class PositionProposal implements ExecutionListener {

  private final Jurisdictions jurisdictions;

  PositionProposal(Jurisdictions jurisdictions) {
    this.jurisdictions = jurisdictions;
  }

  @Override
  public void notify(DelegateExecution execution) {
    StartVariables.requiredText(execution, "positionTitle", "the title of the position");
    String jurisdiction =
        StartVariables.requiredText(execution, "jurisdiction", "where the job is, e.g. US-MA");
    jurisdictions.requireKnown(jurisdiction);
    String positionId = StartVariables.businessKeyOrNew(execution, "POS");
    boolean used = Context.getCommandContext()
        .runWithoutAuthorization(() -> execution
            .getProcessEngineServices()
            .getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(Positions.PROCESS_KEY)
            .processInstanceBusinessKey(positionId)
            .list()
            .stream()
            .anyMatch(other -> !other.getId().equals(execution.getProcessInstanceId())));
    if (used) {
      throw new BadUserRequestException("The position id '" + positionId
          + "' is already used; choose another or leave it empty.");
    }
  }
}
