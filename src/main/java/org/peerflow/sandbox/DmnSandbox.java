package org.peerflow.sandbox;

import static org.peerflow.sandbox.ModelSandbox.ADVICE;
import static org.peerflow.sandbox.ModelSandbox.describe;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Judges every expression of a DMN decision in the language the engine will evaluate it in. In
 * Camunda 7 each input expression, input entry, output entry and literal expression may choose
 * its language with {@code expressionLanguage} (else the definitions' {@code expressionLanguage},
 * else the engine's default, FEEL). FEEL is accepted: the engine builds it with external (Java)
 * functions disabled and gives it the decision's variables only. JUEL is judged like any BPMN
 * expression (it sees the same beans). Any other language is a script engine, and refused.
 */
final class DmnSandbox {

  /** The engine's default language per kind of DMN expression. */
  record Defaults(Map<String, String> byElement) {

    static Defaults ofEngine() {
      ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
      DefaultDmnEngineConfiguration dmn =
          engine == null ? null : engine.getDmnEngineConfiguration();
      if (dmn == null) {
        return new Defaults(Map.of());
      }
      return new Defaults(Map.of(
          "inputExpression", dmn.getDefaultInputExpressionExpressionLanguage(),
          "inputEntry", dmn.getDefaultInputEntryExpressionLanguage(),
          "outputEntry", dmn.getDefaultOutputEntryExpressionLanguage(),
          "literalExpression", dmn.getDefaultLiteralExpressionLanguage()));
    }

    String of(String element) {
      return byElement.getOrDefault(
          element, DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE);
    }
  }

  private static final String[] KINDS = {
    "inputExpression", "inputEntry", "outputEntry", "literalExpression"
  };

  private final ExpressionRules rules;
  private final Defaults defaults;

  DmnSandbox(ExpressionRules rules, Defaults defaults) {
    this.rules = rules;
    this.defaults = defaults;
  }

  /** @return the first problem, in document order, or empty */
  Optional<String> problem(Element definitions) {
    String global = definitions.getAttribute("expressionLanguage");
    for (String kind : KINDS) {
      NodeList elements = definitions.getElementsByTagNameNS("*", kind);
      for (int i = 0; i < elements.getLength(); i++) {
        Optional<String> problem = problem((Element) elements.item(i), kind, global);
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> problem(Element expression, String kind, String global) {
    String text = text(expression);
    if (text.isBlank()) {
      return Optional.empty(); // an empty entry matches anything and evaluates nothing
    }
    String language = expression.getAttribute("expressionLanguage");
    if (language.isEmpty()) {
      // as DmnExpressionTransformHelper: a FEEL namespace on the definitions means "the default"
      language = global.isEmpty() || isFeel(global) ? defaults.of(kind) : global;
    }
    if (isFeel(language)) {
      return Optional.empty();
    }
    String label = describe(expression) + " " + kind;
    if (DefaultDmnEngineConfiguration.JUEL_EXPRESSION_LANGUAGE.equalsIgnoreCase(language)) {
      // the engine evaluates "x" in JUEL as "${x}"
      String juel = text.contains("${") || text.contains("#{") ? text : "${" + text + "}";
      return rules.refusal(juel).map(why -> label + " " + juel + " " + why + "; " + ADVICE);
    }
    return Optional.of(
        label + " is evaluated as " + language + ", a script language; Peerflow decisions use "
            + "FEEL (or plain JUEL), because a script runs with no authorization check");
  }

  private static boolean isFeel(String language) {
    // the same names as the engine's ExpressionEvaluationHandler.isFeelExpressionLanguage
    return DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_ALTERNATIVE.equalsIgnoreCase(
            language)
        || language.equals(DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE)
        || language.equals(DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN12)
        || language.equals(DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN13)
        || language.equals(DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN14)
        || language.equals(DefaultDmnEngineConfiguration.FEEL_EXPRESSION_LANGUAGE_DMN15);
  }

  private static String text(Element expression) {
    for (Node child = expression.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && "text".equals(element.getLocalName())) {
        return element.getTextContent();
      }
    }
    return "";
  }
}
