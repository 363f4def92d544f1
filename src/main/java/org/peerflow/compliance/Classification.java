package org.peerflow.compliance;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * How a process owner classifies a step, as extension properties that Desktop Modeler shows in
 * the properties panel (Extension properties):
 * <ul>
 *   <li>{@code peerflow.data} = {@code criminal-history}, {@code background-check}, {@code medical}
 *       or {@code none}: the confidential data the step reads or writes;</li>
 *   <li>{@code peerflow.milestone} = {@code conditional-offer} or {@code refusal};</li>
 *   <li>{@code peerflow.neutral} = {@code true}: a step that may follow a refusal of treatment
 *       because it does nothing to the client (recording, thanking, closing);</li>
 *   <li>on the process: {@code peerflow.readers} (who may read instances) and
 *       {@code peerflow.record} = {@code employment} (default) or {@code clinical}.</li>
 * </ul>
 */
final class Classification {

  static final String DATA = "peerflow.data";
  static final String MILESTONE = "peerflow.milestone";
  static final String NEUTRAL = "peerflow.neutral";
  static final String READERS = "peerflow.readers";
  static final String RECORD = "peerflow.record";

  static final String CRIMINAL_HISTORY = "criminal-history";
  static final String BACKGROUND_CHECK = "background-check";
  static final String MEDICAL = "medical";
  static final String NONE = "none";
  static final String CONDITIONAL_OFFER = "conditional-offer";
  static final String REFUSAL = "refusal";
  static final String CLINICAL = "clinical";

  private Classification() {}

  static Optional<String> property(BaseElement element, String name) {
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      return Optional.empty();
    }
    return extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> name.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .filter(value -> value != null && !value.isBlank())
        .map(String::trim)
        .findFirst();
  }

  /** @return the declared data categories; empty when the step is unclassified */
  static Optional<Set<String>> data(BaseElement element) {
    return property(element, DATA).map(value -> Arrays.stream(value.split(","))
        .map(String::trim).filter(part -> !part.isEmpty()).collect(Collectors.toSet()));
  }

  /** @return whether the element is classified as handling one of the categories */
  static boolean declaresAny(BaseElement element, String... categories) {
    return data(element).map(data -> Arrays.stream(categories).anyMatch(data::contains)).orElse(false);
  }

  /** @return whether any step of the process's diagram is classified as handling one of the categories */
  static boolean anyStepDeclares(Process process, String... categories) {
    return process.getModelInstance().getModelElementsByType(FlowNode.class).stream()
        .anyMatch(node -> declaresAny(node, categories));
  }

  static boolean isMilestone(BaseElement element, String milestone) {
    return property(element, MILESTONE).map(milestone::equals).orElse(false);
  }

  static boolean isNeutral(BaseElement element) {
    return property(element, NEUTRAL).map("true"::equalsIgnoreCase).orElse(false);
  }

  static Set<String> groups(String commaSeparated) {
    if (commaSeparated == null) {
      return Set.of();
    }
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(part -> !part.isEmpty())
        .collect(Collectors.toSet());
  }
}
