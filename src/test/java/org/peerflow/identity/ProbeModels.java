package org.peerflow.identity;

import java.nio.charset.StandardCharsets;

/** Tiny models that pass Peerflow's deployment checks: one user task with its Camunda Form. */
final class ProbeModels {

  private ProbeModels() {}

  static byte[] bpmn(String key, String starterGroups, String readers) {
    String starters =
        starterGroups == null ? "" : " camunda:candidateStarterGroups=\"" + starterGroups + "\"";
    String properties = readers == null ? "" : """
          <bpmn:extensionElements>
            <camunda:properties>
              <camunda:property name="peerflow.readers" value="%s" />
            </camunda:properties>
          </bpmn:extensionElements>
        """.formatted(readers);
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Probe"
            targetNamespace="http://peerflow.org/test">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="1"%2$s>
        %3$s
            <bpmn:startEvent id="StartEvent_Probe" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Probe" targetRef="Task_Probe" />
            <bpmn:userTask id="Task_Probe" camunda:candidateGroups="hr"
                camunda:formRef="%1$s-form" camunda:formRefBinding="deployment" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Probe" targetRef="EndEvent_Probe" />
            <bpmn:endEvent id="EndEvent_Probe" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, starters, properties).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] form(String key) {
    return """
        {"schemaVersion": 16, "type": "default", "id": "%s-form",
         "components": [{"type": "textfield", "id": "Field_Note", "key": "note", "label": "Note"}]}
        """.formatted(key).getBytes(StandardCharsets.UTF_8);
  }
}
