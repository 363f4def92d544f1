package org.peerflow.compliance;

import java.util.List;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;

/** How a refusal names a step, and the text of a step that the vocabulary checks read. */
final class StepText {

  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  private static final List<String> ATTRIBUTES = List.of(
      "expression",
      "delegateExpression",
      "class",
      "decisionRef",
      "resultVariable",
      "calledElement",
      "topic");

  private StepText() {}

  /** {@code Task_X ("Its name")}: the id a process owner finds in Modeler, and the name he reads. */
  static String describe(BaseElement element) {
    String name = element.getAttributeValue("name");
    return element.getId() + (name == null ? "" : " (\"" + name.replaceAll("\\s+", " ") + "\")");
  }

  /** The step's id, name, what it runs or calls, and the variables a call passes in. */
  static String own(FlowNode node) {
    StringBuilder text = new StringBuilder(node.getId())
        .append(' ')
        .append(node.getName() == null ? "" : node.getName());
    for (String attribute : ATTRIBUTES) {
      String value = node.getAttributeValueNs(CAMUNDA_NS, attribute);
      if (value != null) {
        text.append(' ').append(value);
      }
    }
    if (node instanceof CallActivity call && call.getExtensionElements() != null) {
      call.getExtensionElements()
          .getElementsQuery()
          .filterByType(CamundaIn.class)
          .list()
          .forEach(in -> text.append(' ')
              .append(in.getCamundaSource())
              .append(' ')
              .append(in.getCamundaTarget()));
    }
    return text.toString();
  }
}
