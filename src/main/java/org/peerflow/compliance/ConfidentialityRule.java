package org.peerflow.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.peerflow.identity.Groups;

/**
 * Rule {@code confidentiality}: criminal history and medical data reach hr alone, in a process only
 * hr may read, and come back to a wider process only as an outcome; a clinical record is the
 * treating team's and never hr's. It applies to every process.
 */
final class ConfidentialityRule implements ComplianceRule {

  /** The one group that may handle an employee's or applicant's confidential data. */
  private static final String CONFIDENTIAL_GROUP = Groups.HR;

  @Override
  public List<String> violations(CheckedProcess process) {
    List<String> violations = new ArrayList<>();
    Set<String> readers = process.declared().readers();
    boolean clinical = process.isClinicalRecord();
    for (UserTask task : process.all(UserTask.class)) {
      Set<String> candidates = Classification.groups(task.getCamundaCandidateGroups());
      if (clinical) {
        if (candidates.contains(CONFIDENTIAL_GROUP) || readers.contains(CONFIDENTIAL_GROUP)) {
          violations.add(
              "confidentiality: " + StepText.describe(task) + " belongs to the clinical record of "
                  + process.id() + ", which " + CONFIDENTIAL_GROUP + " must never read; remove "
                  + CONFIDENTIAL_GROUP
                  + " from its candidate groups and from peerflow.readers");
        }
        continue;
      }
      Optional<String> confidential = confidentialDataIn(process, task);
      if (confidential.isEmpty()) {
        continue;
      }
      if (!candidates.equals(Set.of(CONFIDENTIAL_GROUP))
          || task.getCamundaCandidateUsers() != null
          || task.getCamundaAssignee() != null) {
        violations.add("confidentiality: " + StepText.describe(task) + " handles "
            + confidential.get() + " but is routed to " + routing(task)
            + "; route it to the candidate group " + CONFIDENTIAL_GROUP + " alone");
      }
      if (!readers.isEmpty() && !Set.of(CONFIDENTIAL_GROUP).containsAll(readers)) {
        violations.add("confidentiality: " + StepText.describe(task) + " handles "
            + confidential.get() + " but "
            + process.id() + " may be read by "
            + String.join(", ", readers.stream().sorted().toList())
            + " (peerflow.readers); move the step into a process only " + CONFIDENTIAL_GROUP
            + " may read, called by a call activity");
      }
      if (task.getName() != null
          && (task.getName().contains("${") || task.getName().contains("#{"))) {
        violations.add(
            "confidentiality: " + StepText.describe(task) + " handles " + confidential.get()
                + " and has an expression in its name, which task e-mails carry; give it a fixed name");
      }
    }
    for (CallActivity call : process.all(CallActivity.class)) {
      boolean confidentialCall =
          Classification.declaresAny(call, Classification.CRIMINAL_HISTORY, Classification.MEDICAL)
              || process
                  .calledBy(call)
                  .map(called -> Classification.anyStepDeclares(
                      called, Classification.CRIMINAL_HISTORY, Classification.MEDICAL))
                  .orElse(false);
      boolean returnsAll = call.getExtensionElements() != null
          && call
              .getExtensionElements()
              .getElementsQuery()
              .filterByType(CamundaOut.class)
              .list()
              .stream()
              .anyMatch(out -> "all".equals(out.getCamundaVariables()));
      if (confidentialCall && returnsAll) {
        violations.add("confidentiality: " + StepText.describe(call)
            + " returns all variables of a confidential process " + "to " + process.id()
            + "; return only the outcome (camunda:out per variable)");
      }
    }
    return violations;
  }

  /** @return the confidential data the task handles, and how the guard knows, if it handles any */
  private static Optional<String> confidentialDataIn(CheckedProcess process, UserTask task) {
    Optional<Set<String>> declared = Classification.data(task);
    if (declared.isPresent()) {
      // a deliberate classification wins (e.g. none: the position's policy, no one's data)
      if (declared.get().contains(Classification.CRIMINAL_HISTORY)) {
        return Optional.of(Vocabulary.CRIMINAL_HISTORY.description());
      }
      if (declared.get().contains(Classification.MEDICAL)) {
        return Optional.of(Vocabulary.MEDICAL.description());
      }
      return Optional.empty();
    }
    for (Vocabulary vocabulary : Vocabulary.values()) {
      Optional<FormContent> form = process.formOf(task);
      Optional<FormContent.Hit> hit = form.flatMap(shown -> shown.find(vocabulary, false));
      if (hit.isPresent()) {
        return Optional.of(vocabulary.description() + " (unclassified, but its form "
            + form.get().resourceName() + " shows " + hit.get().component().describe()
            + ", which speaks of \"" + hit.get().word() + "\")");
      }
      Optional<String> word = vocabulary.find(StepText.own(task));
      if (word.isPresent()) {
        return Optional.of(vocabulary.description() + " (unclassified, but its name speaks of \""
            + word.get() + "\")");
      }
    }
    return Optional.empty();
  }

  private static String routing(UserTask task) {
    List<String> routes = new ArrayList<>();
    if (task.getCamundaCandidateGroups() != null) {
      routes.add("groups " + task.getCamundaCandidateGroups());
    }
    if (task.getCamundaCandidateUsers() != null) {
      routes.add("users " + task.getCamundaCandidateUsers());
    }
    if (task.getCamundaAssignee() != null) {
      routes.add("assignee " + task.getCamundaAssignee());
    }
    return routes.isEmpty()
        ? "nobody in particular (every user who may read tasks)"
        : String.join(", ", routes);
  }
}
