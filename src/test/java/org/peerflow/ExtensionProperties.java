package org.peerflow;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** Extension properties on a model built in code, written as Desktop Modeler writes them. */
public final class ExtensionProperties {

  private ExtensionProperties() {}

  /** Adds one {@code camunda:property} to the element's (first) {@code camunda:properties}. */
  public static BpmnModelInstance add(
      BpmnModelInstance model, String elementId, String name, String value) {
    BaseElement element = model.getModelElementById(elementId);
    if (element == null) {
      throw new IllegalArgumentException("no element " + elementId);
    }
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
    return model;
  }
}
