package org.peerflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/** Rule pre-offer-medical on models built in code: no medical inquiry before the offer. */
class PreOfferMedicalRuleTest {

  private static final ComplianceRule RULE = new PreOfferMedicalRule(List.of("hiring"));

  private static BpmnModelInstance hiring(String beforeOffer, String afterOffer) {
    return Bpmn.createExecutableProcess("hiring")
        .startEvent("StartEvent_Applied")
        .userTask(beforeOffer)
        .name("Before the offer")
        .camundaFormRef("interview")
        .userTask("Task_Offer")
        .name("Make the conditional offer")
        .userTask(afterOffer)
        .name("After the offer")
        .endEvent()
        .done();
  }

  private static RuleCheck marked(BpmnModelInstance model, String interviewComponents) {
    return RuleCheck.of(model)
        .property("Task_Offer", "peerflow.milestone", "conditional-offer")
        .form("interview", interviewComponents);
  }

  private static final String NOTES =
      "[{\"type\": \"textfield\", \"key\": \"notes\", \"label\": \"Notes\"}]";

  @Test
  void aStepClassifiedMedicalBeforeTheOfferIsRefused() {
    assertThat(marked(hiring("Task_Interview", "Task_Later"), NOTES)
            .property("Task_Interview", "peerflow.data", "medical")
            .violations(RULE))
        .singleElement()
        .asString()
        .startsWith(
            "pre-offer-medical: Task_Interview (\"Before the offer\") is reachable from StartEvent_Applied before "
                + "the conditional offer and handles medical data (classified peerflow.data = medical)");
  }

  @Test
  void aClientIndexLookupBeforeTheOfferIsRefused() {
    assertThat(marked(hiring("Task_CheckClientIndex", "Task_Later"), NOTES).violations(RULE))
        .singleElement()
        .asString()
        .contains("(unclassified, but it speaks of \"ClientIndex\")");
  }

  @Test
  void aFormFieldAskingForADiagnosisBeforeTheOfferIsRefused() {
    assertThat(marked(
                hiring("Task_Interview", "Task_Later"),
                "[{\"type\": \"textfield\", \"key\": \"diagnosis\", "
                    + "\"id\": \"Field_Diagnosis\", \"label\": \"Diagnosis, if known\"}]")
            .violations(RULE))
        .singleElement()
        .asString()
        .contains(
            "its form field Field_Diagnosis (\"Diagnosis, if known\") asks about \"diagnos\"");
  }

  @Test
  void aTextSayingWhatIsNeverAskedPasses() {
    assertThat(marked(
                hiring("Task_Interview", "Task_Later"),
                "[{\"type\": \"text\", \"id\": \"Text_Never\", "
                    + "\"text\": \"Never ask about a diagnosis or medication.\"}]")
            .violations(RULE))
        .isEmpty();
  }

  @Test
  void aMedicalStepAfterTheOfferPasses() {
    assertThat(marked(hiring("Task_Interview", "Task_ReviewMedicalDocumentation"), NOTES)
            .violations(RULE))
        .isEmpty();
  }
}
