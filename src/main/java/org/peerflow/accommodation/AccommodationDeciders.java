package org.peerflow.accommodation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who decides an accommodation request (who completed a decision task is recorded by
 * {@link org.peerflow.cases.Deciders}). Used from BPMN:
 * <ul>
 *   <li>{@code ${accommodationDeciders.hrLead()}}: the named higher official in HR who decides a denial or a
 *       hardship claim ({@code peerflow.hr-lead});</li>
 *   <li>{@code ${accommodationDeciders.supervisorApproved(execution)}}: the supervisor's approval is the decision.</li>
 * </ul>
 */
// public: JUEL invokes methods of beans only on public classes
@Component("accommodationDeciders")
public class AccommodationDeciders {

  private final String hrLead;

  AccommodationDeciders(@Value("${peerflow.hr-lead}") String hrLead) {
    this.hrLead = hrLead;
  }

  /** @return the user id of the HR lead, who decides when the supervisor does not simply approve */
  public String hrLead() {
    return hrLead;
  }

  /**
   * The supervisor approved the accommodation HR proposed: that approval is the decision, and the
   * letter names the supervisor as the one who decided.
   */
  public void supervisorApproved(DelegateExecution execution) {
    execution.setVariable("accommodationDecision", "approve");
    execution.setVariable("approvedAccommodation", execution.getVariable("proposedAccommodation"));
    execution.setVariable("decidedBy", execution.getVariable("supervisorDecidedBy"));
    execution.setVariable("decidedByName", execution.getVariable("supervisorDecidedByName"));
    execution.setVariable("decidedByRole", "your supervisor");
  }
}
