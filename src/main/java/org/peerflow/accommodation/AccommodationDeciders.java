package org.peerflow.accommodation;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who decided an accommodation request, so that the decision letter can name them and a
 * reconsideration goes to someone else (the denial letter promises it; EEOC internal procedures
 * for reasonable accommodation: reconsideration by a different official). Used from BPMN:
 * <ul>
 *   <li>{@code ${accommodationDeciders.recordDecider(task, "your supervisor")}} as a complete listener
 *       of a decision task: records {@code decidedBy}, {@code decidedByName}, {@code decidedByRole};</li>
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
   * Records the person completing a decision task on its process instance. On a reconsideration
   * ({@code reconsidered = true}) the person who made the decision being reconsidered may not
   * complete it: the completion is refused and the task stays open for someone else.
   */
  public void recordDecider(DelegateTask task, String role) {
    String userId = completingUser(task);
    DelegateExecution execution = task.getExecution();
    Object previous = execution.getVariable("decidedBy");
    if (Boolean.TRUE.equals(execution.getVariable("reconsidered")) && userId.equals(previous)) {
      throw new BadUserRequestException("Someone other than " + userId + ", who made the decision being reconsidered, "
          + "must decide the reconsideration: the denial letter promises it. Another member of HR can claim this task.");
    }
    execution.setVariable("decidedBy", userId);
    execution.setVariable("decidedByName", nameOf(task, userId));
    execution.setVariable("decidedByRole", role);
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

  /** The logged-in user completing the task (Tasklist, REST), else its assignee; a decision without a person is refused. */
  private static String completingUser(DelegateTask task) {
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    throw new BadUserRequestException("The task '" + task.getName() + "' records who decided and the letter names them: "
        + "complete it as a logged-in user or assign it first.");
  }

  private static String nameOf(DelegateTask task, String userId) {
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).trim();
    return name.isEmpty() ? userId : name;
  }
}
