package org.peerflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/** Rule no-punishment on models built in code: after a refusal of treatment, nothing is done to the client. */
class NoPunishmentRuleTest {

  private static final ComplianceRule RULE = new NoPunishmentRule(List.of("consent"));

  private static BpmnModelInstance consent(String afterRefusal) {
    return Bpmn.createExecutableProcess("consent")
        .startEvent("StartEvent_Proposed")
        .userTask("Task_Discuss")
        .name("Discuss the proposal")
        .exclusiveGateway("Gateway_Decision")
        .condition("consents", "${decision == 'consent'}")
        .userTask("Task_Treat")
        .name("Treat")
        .endEvent()
        .moveToNode("Gateway_Decision")
        .condition("refuses", "${decision == 'refuse'}")
        .userTask("Task_RecordRefusal")
        .name("Record the refusal")
        .userTask(afterRefusal)
        .name("After the refusal")
        .endEvent("EndEvent_Refused")
        .done();
  }

  private static RuleCheck marked(BpmnModelInstance model) {
    return RuleCheck.of(model).property("Task_RecordRefusal", "peerflow.milestone", "refusal");
  }

  @Test
  void aStepAfterTheRefusalThatIsNotMarkedNeutralIsRefused() {
    assertThat(marked(consent("Task_ReportNonCompliance")).violations(RULE))
        .containsExactly(
            "no-punishment: Task_ReportNonCompliance (\"After the refusal\") follows the refusal from Task_RecordRefusal "
                + "and is not marked neutral (peerflow.neutral = true)");
  }

  @Test
  void aNeutralStepAfterTheRefusalPasses() {
    assertThat(marked(consent("Task_Thank"))
            .property("Task_Thank", "peerflow.neutral", "true")
            .violations(RULE))
        .isEmpty();
  }

  @Test
  void aMessageSentAtTheEndOfTheRefusalIsAStepToo() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("consent")
        .startEvent()
        .userTask("Task_RecordRefusal")
        .name("Record the refusal")
        .endEvent("EndEvent_NotifyCourt")
        .name("Notify the court")
        .message("CourtNotified")
        .done();
    assertThat(marked(model).violations(RULE))
        .singleElement()
        .asString()
        .startsWith(
            "no-punishment: EndEvent_NotifyCourt (\"Notify the court\") follows the refusal");
  }

  @Test
  void aConsentProcessWithoutTheRefusalMarkedIsRefused() {
    assertThat(RuleCheck.of(consent("Task_Thank")).violations(RULE))
        .containsExactly(
            "no-punishment: consent has no step marked as the refusal (extension property peerflow.milestone = refusal)");
  }

  @Test
  void aProcessThatIsNotConfiguredAsConsentIsNotChecked() {
    assertThat(marked(consent("Task_ReportNonCompliance"))
            .violations(new NoPunishmentRule(List.of("informed-consent"))))
        .isEmpty();
  }
}
