package org.peerflow.sandbox;

import java.util.Map;
import java.util.Set;

/**
 * What a process owner's expression may use besides process variables: Peerflow's documented
 * functions, its own delegates, and a few harmless properties and calls of the current execution
 * or task (README, "What an expression may use"). One list for both the deploy-time check and the
 * run-time resolver, so they cannot drift apart.
 */
final class ExpressionAllowlist {

  /** Spring beans expressions may call, with the methods they may call on each. */
  static final Map<String, Set<String>> FUNCTION_BEANS = Map.of(
      "businessDays", Set.of("after", "before", "duration", "isBusinessDay"),
      "sendNotice", Set.of("send"),
      "consentDates", Set.of("daysFromNow", "yearAfter"),
      "accommodationClock", Set.of("businessDaysBetween"),
      "accommodationDeciders", Set.of("hrLead", "supervisorApproved"),
      "deciders", Set.of("recordDecider"),
      "people", Set.of("offer", "ids"),
      "caseReassignment", Set.of("prepare", "apply"));

  /** Peerflow's own Java delegates, usable only as a whole camunda:delegateExpression ${name}. */
  static final Set<String> DELEGATES = Set.of(
      "accommodationStart",
      "applicationCheck",
      "consentProposal",
      "consentWithdrawal",
      "disclosureCheck",
      "offerReferrals",
      "positionProposal",
      "sendMail");

  /** The engine's built-in EL functions (JuelExpressionManager registers them). */
  static final Set<String> FUNCTIONS =
      Set.of("now", "dateTime", "currentUser", "currentUserGroups");

  /** Read-only properties of {@code execution} (a DelegateExecution). */
  static final Set<String> EXECUTION_PROPERTIES = Set.of(
      "processBusinessKey",
      "businessKey",
      "processInstanceId",
      "id",
      "currentActivityId",
      "currentActivityName",
      "eventName",
      "processDefinitionId",
      "activityInstanceId",
      "tenantId");

  /** Read-only properties of {@code task} (a DelegateTask). */
  static final Set<String> TASK_PROPERTIES = Set.of(
      "id",
      "name",
      "description",
      "assignee",
      "owner",
      "priority",
      "dueDate",
      "followUpDate",
      "createTime",
      "taskDefinitionKey",
      "processInstanceId",
      "executionId",
      "eventName",
      "tenantId");

  /**
   * Calls on {@code execution} and {@code task}: variables of the case itself. They read and
   * write the current scope and its enclosing scopes within the same process instance only.
   */
  static final Set<String> VARIABLE_METHODS = Set.of(
      "getVariable",
      "getVariableLocal",
      "hasVariable",
      "hasVariableLocal",
      "setVariable",
      "setVariableLocal");

  private ExpressionAllowlist() {}

  /** Every Spring bean the engine's expressions may resolve at run time. */
  static Set<String> beanNames() {
    return union(FUNCTION_BEANS.keySet(), DELEGATES);
  }

  static boolean isExecutionMember(String name) {
    return EXECUTION_PROPERTIES.contains(name)
        || VARIABLE_METHODS.contains(name)
        || EXECUTION_PROPERTIES.contains(propertyOfGetter(name));
  }

  static boolean isTaskMember(String name) {
    return TASK_PROPERTIES.contains(name)
        || VARIABLE_METHODS.contains(name)
        || TASK_PROPERTIES.contains(propertyOfGetter(name));
  }

  /** {@code getProcessBusinessKey} → {@code processBusinessKey}; anything else → itself. */
  static String propertyOfGetter(String method) {
    if (method.startsWith("get") && method.length() > 3) {
      return Character.toLowerCase(method.charAt(3)) + method.substring(4);
    }
    return method;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
