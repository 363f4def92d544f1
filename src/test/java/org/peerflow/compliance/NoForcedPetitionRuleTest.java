package org.peerflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/** Rule no-forced-petition on models built in code: a clinician can always decide not to petition. */
class NoForcedPetitionRuleTest {

  private static final ComplianceRule RULE = new NoForcedPetitionRule();

  private static BpmnModelInstance onlyForward() {
    return Bpmn.createExecutableProcess("court-path")
        .startEvent()
        .userTask("Task_FilePetition")
        .name("File the petition")
        .userTask("Task_RecordCourtDecision")
        .name("Record the court's decision")
        .endEvent()
        .done();
  }

  private static BpmnModelInstance withAWayOut() {
    return Bpmn.createExecutableProcess("court-path")
        .startEvent()
        .userTask("Task_FilePetition")
        .name("File the petition or record that none is filed")
        .exclusiveGateway("Gateway_Filed")
        .condition("filed", "${petitionFiled == 'yes'}")
        .userTask("Task_RecordCourtDecision")
        .endEvent()
        .moveToNode("Gateway_Filed")
        .condition("not pursuing", "${petitionFiled == 'no'}")
        .endEvent("EndEvent_NotPursued")
        .done();
  }

  @Test
  void aPetitionThatLeadsOnlyToFurtherCourtStepsIsRefused() {
    assertThat(RuleCheck.of(onlyForward())
            .property("court-path", "peerflow.record", "clinical")
            .violations(RULE))
        .containsExactly(
            "no-forced-petition: Task_FilePetition (\"File the petition\") files a court petition, and every "
                + "path from it leads to further court steps; give it a way not to petition that ends the path (e.g. \"not "
                + "pursuing\": the treatment is not given)");
  }

  @Test
  void aPetitionWithABranchThatEndsWithoutFilingPasses() {
    assertThat(RuleCheck.of(withAWayOut())
            .property("court-path", "peerflow.record", "clinical")
            .violations(RULE))
        .isEmpty();
  }

  @Test
  void aPetitionFieldOnTheFormCountsAsFilingOne() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("court-path")
        .startEvent()
        .userTask("Task_Court")
        .name("Go to court")
        .camundaFormRef("court")
        .userTask("Task_RecordCourtDecision")
        .endEvent()
        .done();
    assertThat(RuleCheck.of(model)
            .property("court-path", "peerflow.record", "clinical")
            .form(
                "court",
                "[{\"type\": \"radio\", \"key\": \"petitionFiled\", \"label\": \"Filed?\"}]")
            .violations(RULE))
        .singleElement()
        .asString()
        .startsWith("no-forced-petition: Task_Court (\"Go to court\") files a court petition");
  }

  @Test
  void anEmploymentRecordIsNotChecked() {
    assertThat(RuleCheck.of(onlyForward()).violations(RULE)).isEmpty();
  }
}
