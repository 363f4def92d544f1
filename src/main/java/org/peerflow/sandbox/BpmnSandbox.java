package org.peerflow.sandbox;

import static org.peerflow.sandbox.ModelSandbox.ADVICE;
import static org.peerflow.sandbox.ModelSandbox.describe;

import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Walks every element, attribute and text of a BPMN diagram. Rather than list the places the
 * engine evaluates expressions (conditions, listeners, mappings, timers, due dates, candidates,
 * call-activity bindings, loops, names...), every text that holds {@code ${} or {@code #{} is
 * judged as an expression, so a place nobody thought of is still covered. Besides expressions it
 * refuses what brings its own code: scripts, Java classes, delegates other than Peerflow's,
 * connectors, script conditions and custom form validators.
 */
final class BpmnSandbox {

  static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

  private static final String NO_CODE =
      "; a model cannot bring its own code, which would run with no "
          + "authorization check (see README \"What an expression may use\")";

  /** Camunda attributes that name a Java class the engine instantiates. */
  private static final Set<String> CLASS_ATTRIBUTES =
      Set.of("class", "formHandlerClass", "variableMappingClass");

  private static final Set<String> DELEGATE_ATTRIBUTES =
      Set.of("delegateExpression", "variableMappingDelegateExpression");

  private final ExpressionRules rules;

  BpmnSandbox(ExpressionRules rules) {
    this.rules = rules;
  }

  /** @return the first problem, in document order, or empty */
  Optional<String> problem(Element root) {
    return walk(root);
  }

  private Optional<String> walk(Element element) {
    Optional<String> problem = elementProblem(element);
    if (problem.isPresent()) {
      return problem;
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength() && problem.isEmpty(); i++) {
      problem = attributeProblem(element, (Attr) attributes.item(i));
    }
    for (Node child = element.getFirstChild();
        child != null && problem.isEmpty();
        child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        problem = walk(childElement);
      } else if (child.getNodeType() == Node.TEXT_NODE
          || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        problem = expressionProblem(element, child.getNodeValue().trim());
      }
    }
    return problem;
  }

  private Optional<String> elementProblem(Element element) {
    String namespace = element.getNamespaceURI();
    String name = element.getLocalName();
    if (BPMN_NS.equals(namespace) && "scriptTask".equals(name)) {
      return Optional.of(describe(element) + " is a script task ("
          + element.getAttribute("scriptFormat") + ")" + NO_CODE);
    }
    if (CAMUNDA_NS.equals(namespace) && "script".equals(name)) {
      return Optional.of(describe(element) + " has a script (camunda:script, format '"
          + element.getAttribute("scriptFormat") + "')" + NO_CODE);
    }
    if (CAMUNDA_NS.equals(namespace) && "connector".equals(name)) {
      return Optional.of(describe(element) + " uses a connector (camunda:connector)" + NO_CODE);
    }
    if (CAMUNDA_NS.equals(namespace)
        && "constraint".equals(name)
        && "validator".equals(element.getAttribute("name"))) {
      return Optional.of(describe(element) + " uses a custom form field validator '"
          + element.getAttribute("config") + "'" + NO_CODE);
    }
    return Optional.empty();
  }

  private Optional<String> attributeProblem(Element element, Attr attribute) {
    String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
    String value = attribute.getValue();
    // camunda:class on a task; plain class="..." on a camunda:executionListener or
    // camunda:taskListener
    boolean camunda = CAMUNDA_NS.equals(attribute.getNamespaceURI())
        || attribute.getNamespaceURI() == null && CAMUNDA_NS.equals(element.getNamespaceURI());
    if (camunda && CLASS_ATTRIBUTES.contains(name)) {
      return Optional.of(
          describe(element) + " names the Java class " + value + " (" + name + ")" + NO_CODE);
    }
    if (camunda && DELEGATE_ATTRIBUTES.contains(name)) {
      return rules
          .delegateRefusal(value)
          .map(why -> describe(element) + " delegate expression " + value + " " + why);
    }
    if (camunda && "resource".equals(name)) {
      return Optional.of(describe(element) + " loads the script resource " + value + NO_CODE);
    }
    if (attribute.getNamespaceURI() == null
        && "language".equals(name)
        && BPMN_NS.equals(element.getNamespaceURI())) {
      return Optional.of(
          describe(element) + " has a " + value + " script as its condition" + NO_CODE);
    }
    return expressionProblem(element, value);
  }

  private Optional<String> expressionProblem(Element element, String text) {
    if (!text.contains("${") && !text.contains("#{")) {
      return Optional.empty(); // literal text: the engine does not evaluate it
    }
    return rules
        .refusal(text)
        .map(why -> describe(element) + " expression " + text + " " + why + "; " + ADVICE);
  }
}
