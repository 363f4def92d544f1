package org.peerflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/** Rule ban-the-box on models built in code: criminal history only after the conditional offer. */
class BanTheBoxRuleTest {

  private static final ComplianceRule RULE = new BanTheBoxRule(List.of("hiring"));

  /** Screen, then a step under test, then the offer, then a step after it. */
  private static BpmnModelInstance hiring(String beforeOffer, String afterOffer) {
    return Bpmn.createExecutableProcess("hiring")
        .startEvent("StartEvent_Applied")
        .userTask("Task_Screen")
        .name("Screen the application")
        .userTask(beforeOffer)
        .name("Before the offer")
        .userTask("Task_Offer")
        .name("Make the conditional offer")
        .userTask(afterOffer)
        .name("After the offer")
        .endEvent()
        .done();
  }

  private static RuleCheck marked(BpmnModelInstance model) {
    return RuleCheck.of(model).property("Task_Offer", "peerflow.milestone", "conditional-offer");
  }

  @Test
  void aCriminalHistoryStepBeforeTheOfferIsRefusedWithItsPath() {
    List<String> violations = marked(hiring("Task_Check", "Task_Later"))
        .property("Task_Check", "peerflow.data", "criminal-history")
        .violations(RULE);

    assertThat(violations)
        .containsExactly(
            "ban-the-box: Task_Check (\"Before the offer\") is reachable from "
                + "StartEvent_Applied via Task_Screen without passing the conditional offer (classified peerflow.data = criminal-history)");
  }

  @Test
  void aBackgroundCheckStepBeforeTheOfferIsRefused() {
    assertThat(marked(hiring("Task_Check", "Task_Later"))
            .property("Task_Check", "peerflow.data", "background-check")
            .violations(RULE))
        .singleElement()
        .asString()
        .startsWith("ban-the-box: Task_Check");
  }

  @Test
  void theSameStepAfterTheOfferPasses() {
    assertThat(marked(hiring("Task_Interview", "Task_Check"))
            .property("Task_Check", "peerflow.data", "criminal-history")
            .violations(RULE))
        .isEmpty();
  }

  @Test
  void anUnclassifiedStepThatSpeaksOfCriminalHistoryIsRefused() {
    BpmnModelInstance model = hiring("Task_RunBackgroundCheck", "Task_Later");
    assertThat(marked(model).violations(RULE))
        .singleElement()
        .asString()
        .contains("(unclassified, but it speaks of \"BackgroundCheck\")");
  }

  @Test
  void anUnclassifiedStepWhoseFormAsksForConvictionsIsRefused() {
    BpmnModelInstance model = hiring("Task_Interview", "Task_Later");
    model
        .<org.camunda.bpm.model.bpmn.instance.UserTask>getModelElementById("Task_Interview")
        .setCamundaFormRef("interview");

    assertThat(marked(model)
            .form(
                "interview",
                "[{\"type\": \"textfield\", \"key\": \"convictions\", \"id\": \"Field_Convictions\", "
                    + "\"label\": \"Convictions\"}]")
            .violations(RULE))
        .singleElement()
        .asString()
        .contains("its form field Field_Convictions (\"Convictions\") asks for it");
  }

  @Test
  void aStepClassifiedAsHandlingNoOnesDataPassesWhateverItsName() {
    assertThat(marked(hiring("Task_RecordCheckPolicy", "Task_Later"))
            .property("Task_RecordCheckPolicy", "peerflow.data", "none")
            .violations(RULE))
        .isEmpty();
  }

  @Test
  void aCallBeforeTheOfferIntoAProcessDeployedOnItsOwnThatHandlesCriminalHistoryIsRefused() {
    BpmnModelInstance caller = Bpmn.createExecutableProcess("hiring")
        .startEvent("StartEvent_Applied")
        .callActivity("CallActivity_Review")
        .name("Review")
        .calledElement("record-review")
        .userTask("Task_Offer")
        .endEvent()
        .done();
    BpmnModelInstance review = RuleCheck.property(
        Bpmn.createExecutableProcess("record-review")
            .startEvent()
            .userTask("Task_Assess")
            .endEvent()
            .done(),
        "Task_Assess",
        "peerflow.data",
        "criminal-history");

    assertThat(marked(caller).deployedElsewhere(review).violations(RULE))
        .singleElement()
        .asString()
        .startsWith(
            "ban-the-box: CallActivity_Review (\"Review\") is reachable from StartEvent_Applied")
        .endsWith("(it calls record-review, which handles criminal history)");
    assertThat(marked(caller).violations(RULE))
        .as("without the deployed process nothing shows the call is about records")
        .isEmpty();
  }

  @Test
  void aHiringProcessWithoutTheOfferMarkedIsRefused() {
    assertThat(RuleCheck.of(hiring("Task_Interview", "Task_Later")).violations(RULE))
        .containsExactly(
            "ban-the-box: hiring has no step marked as the conditional offer (extension property peerflow.milestone = conditional-offer)");
  }

  @Test
  void aProcessThatIsNotConfiguredAsHiringIsNotChecked() {
    assertThat(RuleCheck.of(hiring("Task_Check", "Task_Later"))
            .property("Task_Check", "peerflow.data", "criminal-history")
            .violations(new BanTheBoxRule(List.of("fair-chance-hiring"))))
        .isEmpty();
  }
}
