package org.peerflow.compliance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.FlowNode;

/**
 * Rule {@code ban-the-box}: in a hiring process, no step asks for, obtains or assesses criminal
 * history before the conditional offer (Mass. G.L. c. 151B, s. 4(9 1/2); California Gov. Code
 * 12952; and the other fair-chance laws of README "The compliance guard").
 */
final class BanTheBoxRule implements ComplianceRule {

  private final Collection<String> hiringProcesses;

  /** @param hiringProcesses the keys of the processes the rule applies to (peerflow.compliance.ban-the-box-processes) */
  BanTheBoxRule(Collection<String> hiringProcesses) {
    this.hiringProcesses = hiringProcesses;
  }

  @Override
  public List<String> violations(CheckedProcess process) {
    if (!hiringProcesses.contains(process.id())) {
      return List.of();
    }
    Optional<BeforeTheOffer> beforeTheOffer = BeforeTheOffer.in(process);
    if (beforeTheOffer.isEmpty()) {
      return List.of(
          "ban-the-box: " + process.id() + " has no step marked as the conditional offer "
              + "(extension property peerflow.milestone = conditional-offer)");
    }
    BeforeTheOffer before = beforeTheOffer.get();
    List<String> violations = new ArrayList<>();
    for (FlowNode node : before.steps()) {
      criminalHistoryIn(process, node)
          .ifPresent(
              why -> violations.add("ban-the-box: " + StepText.describe(node) + " is reachable"
                  + before.via(node) + " without passing the conditional offer (" + why + ")"));
    }
    return violations;
  }

  /** @return why the step asks for, obtains or assesses criminal history, if it does */
  private static Optional<String> criminalHistoryIn(CheckedProcess process, FlowNode node) {
    Optional<Set<String>> declared = Classification.data(node);
    if (declared.isPresent()) {
      return Classification.declaresAny(
              node, Classification.CRIMINAL_HISTORY, Classification.BACKGROUND_CHECK)
          ? Optional.of("classified peerflow.data = " + String.join(",", declared.get()))
          : Optional.empty();
    }
    Optional<String> word = Vocabulary.CRIMINAL_HISTORY.find(StepText.own(node));
    if (word.isPresent()) {
      return Optional.of("unclassified, but it speaks of \"" + word.get() + "\"");
    }
    Optional<String> field = process
        .formOf(node)
        .flatMap(form -> form.find(Vocabulary.CRIMINAL_HISTORY, true))
        .map(hit ->
            "unclassified, but its form field " + hit.component().describe() + " asks for it");
    if (field.isPresent()) {
      return field;
    }
    return process
        .calledBy(node)
        .filter(called -> Classification.anyStepDeclares(
            called, Classification.CRIMINAL_HISTORY, Classification.BACKGROUND_CHECK))
        .map(called -> "it calls " + called.getId() + ", which handles criminal history");
  }
}
