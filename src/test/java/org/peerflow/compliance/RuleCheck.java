package org.peerflow.compliance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.peerflow.ExtensionProperties;

/**
 * One rule run on a model built in code ({@code Bpmn.createExecutableProcess()}), without an
 * engine: the classification a process owner adds in Modeler's Extension properties, the forms of
 * the deployment and the processes deployed on their own are given here.
 */
final class RuleCheck {

  private final BpmnModelInstance model;
  private final Map<String, FormContent> forms = new HashMap<>();
  private final Map<String, Process> deployedElsewhere = new HashMap<>();

  private RuleCheck(BpmnModelInstance model) {
    this.model = model;
  }

  static RuleCheck of(BpmnModelInstance model) {
    return new RuleCheck(model);
  }

  /** Adds {@code peerflow.*} extension property to the element (the process, a step). */
  RuleCheck property(String elementId, String name, String value) {
    property(model, elementId, name, value);
    return this;
  }

  static BpmnModelInstance property(
      BpmnModelInstance model, String elementId, String name, String value) {
    return ExtensionProperties.add(model, elementId, name, value);
  }

  /** A Camunda Form of the deployment, with the given components (a JSON array). */
  RuleCheck form(String id, String componentsJson) {
    String json =
        "{\"schemaVersion\": 16, \"id\": \"" + id + "\", \"components\": " + componentsJson + "}";
    try {
      forms.put(
          id, FormContent.parse("forms/" + id + ".form", json.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A process deployed before, on its own, that the model may call. */
  RuleCheck deployedElsewhere(BpmnModelInstance other) {
    other
        .getModelElementsByType(Process.class)
        .forEach(process -> deployedElsewhere.put(process.getId(), process));
    return this;
  }

  List<String> violations(ComplianceRule rule) {
    Process process = model.getModelElementsByType(Process.class).iterator().next();
    CalledProcesses inModel = key -> Optional.ofNullable(model.getModelElementById(key))
        .filter(Process.class::isInstance)
        .map(Process.class::cast);
    return rule.violations(new CheckedProcess(
        process, forms, inModel.orElse(key -> Optional.ofNullable(deployedElsewhere.get(key)))));
  }
}
