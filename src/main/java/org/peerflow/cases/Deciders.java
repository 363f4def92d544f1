package org.peerflow.cases;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who decided, so that a letter can name them and a reconsideration goes to someone else (a letter
 * that offers reconsideration promises a fresh look: EEOC internal procedures for reasonable
 * accommodation; fair-chance reassessment). Used from BPMN as a complete listener of a decision task:
 * {@code ${deciders.recordDecider(task, "HR lead")}} records {@code decidedBy}, {@code decidedByName}
 * and {@code decidedByRole} on the task's process instance. While {@code reconsidered} is true, the
 * person who made the decision being reconsidered may not complete it: the completion is refused and
 * the task stays open for someone else.
 */
// public: JUEL invokes methods of beans only on public classes
@Component("deciders")
public class Deciders {

  public void recordDecider(DelegateTask task, String role) {
    String userId = completingUser(task);
    DelegateExecution execution = task.getExecution();
    if (Boolean.TRUE.equals(execution.getVariable("reconsidered"))
        && userId.equals(execution.getVariable("decidedBy"))) {
      throw new BadUserRequestException(
          "Someone other than " + userId + ", who made the decision being reconsidered, "
              + "must decide the reconsideration: the letter promises it. Another member of the group can claim this task.");
    }
    execution.setVariable("decidedBy", userId);
    execution.setVariable("decidedByName", nameOf(task, userId));
    execution.setVariable("decidedByRole", role);
  }

  /** The logged-in user completing the task (Tasklist, REST), else its assignee; a decision without a person is refused. */
  private static String completingUser(DelegateTask task) {
    Authentication authentication =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    throw new BadUserRequestException("The task '" + task.getName() + "' records who decided: "
        + "complete it as a logged-in user or assign it first.");
  }

  private static String nameOf(DelegateTask task, String userId) {
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
            + (user.getLastName() == null ? "" : user.getLastName()))
        .trim();
    return name.isEmpty() ? userId : name;
  }
}
