package org.peerflow.compliance;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.peerflow.model.DeclaredStep;

/**
 * What a step's classification ({@link DeclaredStep}: {@code peerflow.data},
 * {@code peerflow.milestone}, {@code peerflow.neutral}) means to the rules:
 * <ul>
 *   <li>data {@code criminal-history}, {@code background-check}, {@code medical} or {@code none}:
 *       the confidential data the step reads or writes;</li>
 *   <li>milestone {@code conditional-offer} or {@code refusal};</li>
 *   <li>neutral: a step that may follow a refusal of treatment because it does nothing to the
 *       client (recording, thanking, closing).</li>
 * </ul>
 * The process's own declaration ({@code peerflow.readers}, {@code peerflow.record}) is
 * {@link CheckedProcess#declared()}.
 */
final class Classification {

  static final String CRIMINAL_HISTORY = "criminal-history";
  static final String BACKGROUND_CHECK = "background-check";
  static final String MEDICAL = "medical";
  static final String NONE = "none";
  static final String CONDITIONAL_OFFER = "conditional-offer";
  static final String REFUSAL = "refusal";

  private Classification() {}

  /** @return the declared data categories; empty when the step is unclassified */
  static Optional<Set<String>> data(BaseElement element) {
    return DeclaredStep.of(element).data();
  }

  /** @return whether the element is classified as handling one of the categories */
  static boolean declaresAny(BaseElement element, String... categories) {
    return data(element)
        .map(data -> Arrays.stream(categories).anyMatch(data::contains))
        .orElse(false);
  }

  /** @return whether any step of the process's diagram is classified as handling one of the categories */
  static boolean anyStepDeclares(Process process, String... categories) {
    return process.getModelInstance().getModelElementsByType(FlowNode.class).stream()
        .anyMatch(node -> declaresAny(node, categories));
  }

  static boolean isMilestone(BaseElement element, String milestone) {
    return DeclaredStep.of(element).milestone().map(milestone::equals).orElse(false);
  }

  static boolean isNeutral(BaseElement element) {
    return DeclaredStep.of(element).isNeutral();
  }

  /** A step's candidate groups, as the engine splits {@code camunda:candidateGroups}. */
  static Set<String> groups(String commaSeparated) {
    if (commaSeparated == null) {
      return Set.of();
    }
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(part -> !part.isEmpty())
        .collect(Collectors.toSet());
  }
}
