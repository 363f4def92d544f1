package org.peerflow.model;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.peerflow.ExtensionProperties;

/** A process built in code, with extension properties as Desktop Modeler writes them. */
final class DeclaredModels {

  static final String KEY = "demo";
  static final String STEP = "Task_Review";

  private final BpmnModelInstance model = Bpmn.createExecutableProcess(KEY)
      .startEvent()
      .userTask(STEP)
      .name("Review")
      .endEvent()
      .done();

  /** Adds one {@code camunda:property} to the element's (first) {@code camunda:properties}. */
  DeclaredModels property(String elementId, String name, String value) {
    ExtensionProperties.add(model, elementId, name, value);
    return this;
  }

  DeclaredModels process(String name, String value) {
    return property(KEY, name, value);
  }

  DeclaredModels starters(String groups) {
    process().setCamundaCandidateStarterGroups(groups);
    return this;
  }

  Process process() {
    return model.getModelElementById(KEY);
  }

  BaseElement step() {
    return model.getModelElementById(STEP);
  }

  DeclaredProcess declared() {
    return DeclaredProcess.of(process());
  }
}
