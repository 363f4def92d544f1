package org.peerflow.model;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

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
    BaseElement element = model.getModelElementById(elementId);
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      extensions = model.newInstance(ExtensionElements.class);
      element.setExtensionElements(extensions);
    }
    CamundaProperties properties =
        extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
            .findFirst()
            .orElse(null);
    if (properties == null) {
      properties = extensions.addExtensionElement(CamundaProperties.class);
    }
    CamundaProperty property = model.newInstance(CamundaProperty.class);
    property.setCamundaName(name);
    property.setCamundaValue(value);
    properties.getCamundaProperties().add(property);
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
