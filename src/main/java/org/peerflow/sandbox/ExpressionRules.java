package org.peerflow.sandbox;

import static org.peerflow.sandbox.ExpressionAllowlist.DELEGATES;
import static org.peerflow.sandbox.ExpressionAllowlist.EXECUTION_PROPERTIES;
import static org.peerflow.sandbox.ExpressionAllowlist.FUNCTIONS;
import static org.peerflow.sandbox.ExpressionAllowlist.FUNCTION_BEANS;
import static org.peerflow.sandbox.ExpressionAllowlist.TASK_PROPERTIES;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * Decides whether one JUEL expression of a process owner's model may run. It reads the syntax tree
 * the engine's own parser builds (the same features the engine enables: method calls, varargs), so
 * what is judged is what would run. An expression may use process variables (property and bracket
 * access on them), Peerflow's functions, and a few members of {@code execution} and {@code task}
 * ({@link ExpressionAllowlist}); everything else is refused with the reason.
 */
final class ExpressionRules {

  private static final Builder PARSER =
      new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);
  private static final Pattern WHOLE_DELEGATE =
      Pattern.compile("\\s*[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}\\s*");

  /** Names that lead out of the case's variables, with what they lead to. */
  private static final Map<String, String> FORBIDDEN = forbiddenNames();

  /** Engine objects an expression can name; only execution and task have allowed members. */
  private static final Set<String> ENGINE_OBJECTS =
      Set.of("execution", "task", "caseExecution", "externalTask");

  private final Predicate<String> isSpringBean;

  /** @param isSpringBean whether a name resolves to a Spring bean (the engine would expose it) */
  ExpressionRules(Predicate<String> isSpringBean) {
    this.isSpringBean = isSpringBean;
  }

  /** @return why the expression is refused, or empty when it may run */
  Optional<String> refusal(String expression) {
    Node root;
    try {
      root = PARSER.build(expression).getRoot();
    } catch (TreeBuilderException e) {
      return Optional.of("is not a valid expression (" + e.getMessage() + ")");
    }
    try {
      check(root);
      return Optional.empty();
    } catch (Refused refused) {
      return Optional.of(refused.getMessage());
    }
  }

  /** A delegate expression may only name one of Peerflow's own delegates, as a whole. */
  Optional<String> delegateRefusal(String delegateExpression) {
    Matcher whole = WHOLE_DELEGATE.matcher(delegateExpression);
    if (whole.matches() && DELEGATES.contains(whole.group(1))) {
      return Optional.empty();
    }
    return Optional.of("is not one of Peerflow's delegates ("
        + String.join(", ", new java.util.TreeSet<>(DELEGATES))
        + "); a model cannot bring its own Java code");
  }

  private void check(Node node) {
    if (node instanceof AstMethod method) {
      checkCall(method);
    } else if (node instanceof AstDot dot) {
      checkRead(dot, nameOf(dot));
    } else if (node instanceof AstBracket bracket) {
      checkBracket(bracket);
    } else if (node instanceof AstFunction function) {
      if (!FUNCTIONS.contains(function.getName())) {
        throw new Refused("calls the function " + function.getName() + "(), which is not one of "
            + String.join("(), ", new java.util.TreeSet<>(FUNCTIONS)) + "()");
      }
      checkChildren(node);
    } else if (node instanceof AstIdentifier identifier) {
      checkIdentifier(identifier.getName());
    } else {
      checkChildren(node);
    }
  }

  private void checkChildren(Node node) {
    for (int i = 0; i < node.getCardinality(); i++) {
      if (node.getChild(i) != null) {
        check(node.getChild(i));
      }
    }
  }

  private void checkIdentifier(String name) {
    if (DELEGATES.contains(name)) {
      throw new Refused("uses the delegate '" + name + "' outside camunda:delegateExpression");
    }
    // any other name is a process variable, unless the engine would resolve it to a Spring bean
    if (!FUNCTION_BEANS.containsKey(name)
        && !ENGINE_OBJECTS.contains(name)
        && isSpringBean.test(name)) {
      refuseForbidden(name); // the engine's services are Spring beans too
      throw new Refused(
          "uses the Spring bean '" + name + "', which is not one of Peerflow's functions");
    }
  }

  /** {@code receiver.name(params)}: only Peerflow's functions and the case's own variables. */
  private void checkCall(AstMethod method) {
    AstProperty property = (AstProperty) method.getChild(0);
    if (!(property instanceof AstDot dot)) {
      throw new Refused("calls a method chosen by a [...] lookup");
    }
    String name = nameOf(dot);
    refuseForbidden(name);
    Node receiver = unwrap(dot.getChild(0));
    String target = receiver instanceof AstIdentifier identifier ? identifier.getName() : null;
    // the receiver first: what it reaches (the engine's services, a Spring bean) is the better
    // reason
    if (target == null) {
      check(receiver);
    } else if (!FUNCTION_BEANS.containsKey(target)) {
      checkIdentifier(target);
    }
    boolean allowed = target != null
        && (FUNCTION_BEANS.getOrDefault(target, Set.of()).contains(name)
            || "execution".equals(target) && ExpressionAllowlist.isExecutionMember(name)
            || "task".equals(target) && ExpressionAllowlist.isTaskMember(name));
    if (!allowed) {
      throw new Refused(
          "calls " + (target == null ? name + "() on a computed value" : target + "." + name + "()")
              + ", which is not one of Peerflow's functions or execution/task variable calls");
    }
    checkChildren(method.getChild(1));
  }

  /** {@code prefix.name}: variables and their properties, a few properties of execution and task. */
  private void checkRead(AstProperty property, String name) {
    refuseForbidden(name);
    Node prefix = unwrap(property.getChild(0));
    if (prefix instanceof AstIdentifier identifier) {
      String base = identifier.getName();
      checkIdentifier(base);
      boolean readable = "execution".equals(base)
          ? EXECUTION_PROPERTIES.contains(name)
          : "task".equals(base)
              ? TASK_PROPERTIES.contains(name)
              : !ENGINE_OBJECTS.contains(base) && !FUNCTION_BEANS.containsKey(base); // a variable
      if (!readable) {
        throw new Refused("reads " + base + "." + name
            + ", which is not one of the properties an expression may read");
      }
    } else if (prefix instanceof AstDot || prefix instanceof AstBracket) {
      check(prefix);
    } else {
      throw new Refused(
          "reads ." + name + " of a computed value; read properties of variables only");
    }
  }

  private void checkBracket(AstBracket bracket) {
    Node key = bracket.getChild(1);
    if (key instanceof AstString literal) {
      checkRead(bracket, String.valueOf(literal.eval(null, null)));
      return;
    }
    // a computed key: only on a variable (list[i], map[key]); the run-time resolver still
    // refuses a key that turns out to be a forbidden name
    Node prefix = unwrap(bracket.getChild(0));
    Node root = prefix;
    while (root instanceof AstProperty) {
      root = unwrap(root.getChild(0));
    }
    if (!(root instanceof AstIdentifier identifier)
        || ENGINE_OBJECTS.contains(identifier.getName())
        || FUNCTION_BEANS.containsKey(identifier.getName())) {
      throw new Refused("looks up a computed name [...] outside a variable");
    }
    check(prefix);
    check(key);
  }

  private static void refuseForbidden(String name) {
    String reason = FORBIDDEN.get(name);
    if (reason == null) {
      reason = FORBIDDEN.get(ExpressionAllowlist.propertyOfGetter(name));
    }
    if (reason != null) {
      throw new Refused(reason + " (" + name + ")");
    }
  }

  private static Node unwrap(Node node) {
    Node inner = node;
    while (inner instanceof AstNested) {
      inner = inner.getChild(0);
    }
    return inner;
  }

  private static String nameOf(AstDot dot) {
    return dot.toString().substring(2); // AstDot prints ". name"
  }

  private static Map<String, String> forbiddenNames() {
    Map<String, String> names = new java.util.HashMap<>();
    for (String name : Set.of(
        "processEngineServices",
        "processEngine",
        "processEngineConfiguration",
        "identityService",
        "authorizationService",
        "runtimeService",
        "taskService",
        "historyService",
        "repositoryService",
        "managementService",
        "formService",
        "filterService",
        "externalTaskService",
        "caseService",
        "decisionService")) {
      names.put(name, "reaches the engine's services");
    }
    for (String name : Set.of(
        "superExecution",
        "superCaseExecution",
        "subProcessInstance",
        "processInstance",
        "parent",
        "executions")) {
      names.put(
          name,
          "reaches another execution than the case's own variables (a parent, a called or calling process)");
    }
    for (String name : Set.of(
        "bpmnModelInstance", "bpmnModelElementInstance", "processDefinition", "dmnModelInstance")) {
      names.put(name, "reaches the engine's model objects");
    }
    for (String name : Set.of("class", "classLoader", "declaredMethods", "module")) {
      names.put(name, "reaches Java classes");
    }
    return Map.copyOf(names);
  }

  /** Unwinds the walk at the first refused node. */
  private static final class Refused extends RuntimeException {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }
}
