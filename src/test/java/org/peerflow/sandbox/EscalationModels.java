package org.peerflow.sandbox;

import java.util.List;

/**
 * Small models, each trying one way a deployed model could do more than its starter: change
 * identities or authorizations, read other cases, reach Spring beans, run its own code.
 */
final class EscalationModels {

  /** One attempt: the file, what the refusal must name, and the model itself. */
  record Escalation(
      String route, String file, String element, String code, String reason, String xml) {
    @Override
    public String toString() {
      return route;
    }
  }

  private static final String BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                        xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        id="Definitions_SandboxProbe" targetNamespace="http://peerflow.org/test">
        <bpmn:process id="sandbox-probe" name="Sandbox probe" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_Probe" />
          <bpmn:sequenceFlow id="Flow_In" sourceRef="StartEvent_Probe" targetRef="Task_Probe" />
          %s
          <bpmn:sequenceFlow id="Flow_Out" sourceRef="Task_Probe" targetRef="EndEvent_Probe">%s</bpmn:sequenceFlow>
          <bpmn:endEvent id="EndEvent_Probe" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  private static final String DMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_SandboxProbe"
                   name="Probe" namespace="http://peerflow.org/test" %s>
        <decision id="sandbox-probe-decision" name="Probe" camunda:historyTimeToLive="P1D"
                  xmlns:camunda="http://camunda.org/schema/1.0/dmn">
          <decisionTable id="DecisionTable_Probe" hitPolicy="FIRST">
            <input id="Input_Probe" label="Probe">
              <inputExpression id="InputExpression_Probe" typeRef="string" %s><text>%s</text></inputExpression>
            </input>
            <output id="Output_Probe" name="result" typeRef="string" />
            <rule id="Rule_Probe">
              <inputEntry id="InputEntry_Probe" %s><text>%s</text></inputEntry>
              <outputEntry id="OutputEntry_Probe"><text>"probe"</text></outputEntry>
            </rule>
          </decisionTable>
        </decision>
      </definitions>
      """;

  private EscalationModels() {}

  static List<Escalation> all() {
    return List.of(
        serviceTask(
            "identity change",
            "camunda:expression",
            "${execution.processEngineServices.identityService.createMembership('owen','hr')}",
            "reaches the engine's services"),
        serviceTask(
            "authorization change",
            "camunda:expression",
            "${authorizationService.saveAuthorization(authorizationService.createNewAuthorization(1))}",
            "reaches the engine's services"),
        serviceTask(
            "authorization change by getter",
            "camunda:expression",
            "${execution.getProcessEngineServices().getAuthorizationService().createNewAuthorization(1)}",
            "reaches the engine's services"),
        new Escalation(
            "runtime query of other cases (listener)",
            "listener-runtime-query.bpmn",
            "Task_Probe",
            "${execution.processEngineServices.runtimeService.createVariableInstanceQuery().list()}",
            "reaches the engine's services",
            bpmn(task("""
                <camunda:executionListener event="start"
                    expression="${execution.processEngineServices.runtimeService.createVariableInstanceQuery().list()}" />"""), "")),
        new Escalation(
            "task query in a condition",
            "condition-task-query.bpmn",
            "Flow_Out",
            "${taskService.createTaskQuery().count() == 0}",
            "reaches the engine's services",
            bpmn(task(""), """
                <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${taskService.createTaskQuery().count() == 0}</bpmn:conditionExpression>""")),
        new Escalation(
            "history read in an input mapping",
            "mapping-history.bpmn",
            "Task_Probe",
            "${execution.processEngineServices.historyService.createHistoricVariableInstanceQuery().list()}",
            "reaches the engine's services",
            bpmn(task("""
                <camunda:inputOutput><camunda:inputParameter name="cases">${execution.processEngineServices.historyService.createHistoricVariableInstanceQuery().list()}</camunda:inputParameter></camunda:inputOutput>"""), "")),
        serviceTask(
            "Spring environment",
            "camunda:expression",
            "${environment.getProperty('spring.datasource.password')}",
            "uses the Spring bean 'environment'"),
        new Escalation(
            "data source in a timer",
            "timer-datasource.bpmn",
            "Timer_Probe",
            "${dataSource.connection}",
            "uses the Spring bean 'dataSource'",
            bpmn("""
                <bpmn:intermediateCatchEvent id="Task_Probe">
                  <bpmn:timerEventDefinition id="Timer_Probe"><bpmn:timeDate xsi:type="bpmn:tFormalExpression">${dataSource.connection}</bpmn:timeDate></bpmn:timerEventDefinition>
                </bpmn:intermediateCatchEvent>""", "")),
        serviceTask(
            "mail sender",
            "camunda:expression",
            "${mailSender.createMimeMessage()}",
            "uses the Spring bean 'mailSender'"),
        serviceTask(
            "a Peerflow bean that is not a function",
            "camunda:expression",
            "${outbox.enqueue('owen@peerflow.example', 'cases', 'all of them', 'x')}",
            "uses the Spring bean 'outbox'"),
        serviceTask(
            "delegate that is not Peerflow's",
            "camunda:delegateExpression",
            "${identityService}",
            "is not one of Peerflow's delegates"),
        serviceTask(
            "class delegate",
            "camunda:class",
            "org.camunda.bpm.engine.impl.test.TestHelper",
            "names the Java class"),
        serviceTask(
            "superExecution write into a parent",
            "camunda:expression",
            "${execution.superExecution.setVariable('offerApproved', true)}",
            "reaches another execution"),
        new Escalation(
            "script task",
            "script-task.bpmn",
            "Task_Probe",
            "javascript",
            "is a script task",
            bpmn("""
            <bpmn:scriptTask id="Task_Probe" name="Probe" scriptFormat="javascript"><bpmn:script>1 + 1</bpmn:script></bpmn:scriptTask>""", "")),
        new Escalation(
            "script listener",
            "script-listener.bpmn",
            "Task_Probe",
            "groovy",
            "has a script (camunda:script",
            bpmn(task("""
            <camunda:executionListener event="start"><camunda:script scriptFormat="groovy">execution.processEngineServices</camunda:script></camunda:executionListener>"""), "")),
        new Escalation(
            "script condition",
            "script-condition.bpmn",
            "Flow_Out",
            "groovy",
            "script as its condition",
            bpmn(task(""), """
            <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="groovy">true</bpmn:conditionExpression>""")),
        new Escalation(
            "DMN input expression in JUEL calling Java",
            "juel-input.dmn",
            "InputExpression_Probe",
            "${identityService.createMembership('owen', 'hr')}",
            "reaches the engine's services",
            dmn(
                "",
                "expressionLanguage=\"juel\"",
                "identityService.createMembership('owen', 'hr')",
                "",
                "")),
        new Escalation(
            "DMN input entry in groovy",
            "groovy-entry.dmn",
            "InputEntry_Probe",
            "groovy",
            "is evaluated as groovy, a script language",
            dmn("", "", "probe", "expressionLanguage=\"groovy\"", "true")),
        new Escalation(
            "DMN in javascript for the whole file",
            "javascript-definitions.dmn",
            "InputExpression_Probe",
            "javascript",
            "is evaluated as javascript, a script language",
            dmn("expressionLanguage=\"javascript\"", "", "probe", "", "")));
  }

  private static Escalation serviceTask(
      String route, String attribute, String value, String reason) {
    String file = route.replaceAll("[^A-Za-z]+", "-").toLowerCase() + ".bpmn";
    return new Escalation(
        route,
        file,
        "Task_Probe",
        value,
        reason,
        bpmn(
            "<bpmn:serviceTask id=\"Task_Probe\" name=\"Probe\" " + attribute + "=\"" + value
                + "\" />",
            ""));
  }

  private static String task(String extensions) {
    return "<bpmn:task id=\"Task_Probe\" name=\"Probe\"><bpmn:extensionElements>" + extensions
        + "</bpmn:extensionElements></bpmn:task>";
  }

  private static String bpmn(String element, String flowOut) {
    return BPMN.formatted(element, flowOut);
  }

  private static String dmn(
      String definitions, String inputLanguage, String input, String entryLanguage, String entry) {
    return DMN.formatted(definitions, inputLanguage, input, entryLanguage, entry);
  }
}
