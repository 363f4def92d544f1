package org.peerflow.hiring;

import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.peerflow.cases.StartVariables;
import org.springframework.stereotype.Component;

/**
 * Start of {@code fair-chance-hiring} (the applicant portal's REST contract): the application
 * names an open position and carries a name and an e-mail address; {@code accommodationRequested} and
 * {@code livedExperienceAttested} are optional and default to false. It copies only the position's
 * title and jurisdiction into the case — nothing about criminal history exists before the offer.
 */
@Component("applicationCheck")
class ApplicationCheck implements ExecutionListener {

  private final Positions positions;
  private final Jurisdictions jurisdictions;

  ApplicationCheck(Positions positions, Jurisdictions jurisdictions) {
    this.positions = positions;
    this.jurisdictions = jurisdictions;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String positionId = StartVariables.requiredText(
        execution, "positionId", "the id of an open peer specialist position");
    StartVariables.requiredText(execution, "applicantName", "the applicant's name");
    StartVariables.requiredEmail(execution, "applicantEmail", "where notices to the applicant go");
    StartVariables.optionalFlag(execution, "accommodationRequested", false);
    StartVariables.optionalFlag(execution, "livedExperienceAttested", false);
    Map<String, Object> position =
        Context.getCommandContext().runWithoutAuthorization(() -> openPosition(positionId));
    String jurisdiction = String.valueOf(position.get("jurisdiction"));
    jurisdictions.requireKnown(jurisdiction);
    StartVariables.businessKeyOrNew(execution, "APP");
    execution.setVariable("positionTitle", position.get("positionTitle"));
    execution.setVariable("jurisdiction", jurisdiction);
    // the position names who interviews: they, and no other supervisor or peer, work on and read
    // this application (peerflow.case-people of fair-chance-hiring)
    execution.setVariable("hiringManager", position.get("hiringManager"));
    execution.setVariable("interviewPeer", position.get("interviewPeer"));
  }

  private Map<String, Object> openPosition(String positionId) {
    return switch (positions.status(positionId)) {
      case OPEN -> {
        ProcessInstance position = positions.open(positionId).orElseThrow();
        yield positions.publicFacts(position);
      }
      case NOT_YET_POSTED ->
        throw new BadUserRequestException("The position '" + positionId
            + "' is not posted yet: applications open when HR publishes the posting.");
      case ON_HOLD ->
        throw new BadUserRequestException("The position '" + positionId
            + "' is on hold: it takes no new applications until HR reopens it.");
      case CLOSED ->
        throw new BadUserRequestException(
            "The position '" + positionId + "' is closed to applications.");
      case UNKNOWN ->
        throw new BadUserRequestException("There is no position '" + positionId + "'.");
    };
  }
}
