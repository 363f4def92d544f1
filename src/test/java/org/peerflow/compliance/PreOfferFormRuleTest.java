package org.peerflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/** Rule pre-offer-form on models built in code: no form before the offer speaks of criminal history. */
class PreOfferFormRuleTest {

  private static final ComplianceRule RULE = new PreOfferFormRule(List.of("hiring"));
  private static final String ASKS_ABOUT_ARRESTS =
      "[{\"type\": \"text\", \"id\": \"Text_Guide\", \"text\": \"Also ask whether the applicant has any arrests.\"}]";

  private static BpmnModelInstance hiring(String formBefore, String formAfter) {
    return Bpmn.createExecutableProcess("hiring")
        .startEvent("StartEvent_Applied")
        .camundaFormRef("application")
        .userTask("Task_Interview")
        .name("Interview")
        .camundaFormRef(formBefore)
        .userTask("Task_Offer")
        .name("Make the conditional offer")
        .userTask("Task_Onboard")
        .name("Onboard")
        .camundaFormRef(formAfter)
        .endEvent()
        .done();
  }

  private static RuleCheck marked(BpmnModelInstance model) {
    return RuleCheck.of(model)
        .property("Task_Offer", "peerflow.milestone", "conditional-offer")
        .form("application", "[{\"type\": \"textfield\", \"key\": \"name\", \"label\": \"Name\"}]")
        .form("neutral", "[{\"type\": \"textfield\", \"key\": \"notes\", \"label\": \"Notes\"}]");
  }

  @Test
  void aTextAboutArrestsInAFormBeforeTheOfferIsRefused() {
    assertThat(
            marked(hiring("guide", "neutral")).form("guide", ASKS_ABOUT_ARRESTS).violations(RULE))
        .containsExactly(
            "pre-offer-form: forms/guide.form Text_Guide speaks of criminal history (\"arrest\") and is shown by "
                + "Task_Interview (\"Interview\"), reachable from StartEvent_Applied before the conditional offer");
  }

  @Test
  void aStartFormIsAFormBeforeTheOfferToo() {
    assertThat(marked(hiring("neutral", "neutral"))
            .form(
                "application",
                "[{\"type\": \"checkbox\", \"key\": \"hasRecord\", "
                    + "\"id\": \"Field_HasRecord\", \"label\": \"I have a criminal record\"}]")
            .violations(RULE))
        .singleElement()
        .asString()
        .contains("forms/application.form Field_HasRecord")
        .contains("shown by StartEvent_Applied");
  }

  @Test
  void theSameFormAfterTheOfferPasses() {
    assertThat(
            marked(hiring("neutral", "guide")).form("guide", ASKS_ABOUT_ARRESTS).violations(RULE))
        .isEmpty();
  }

  @Test
  void withoutAnOfferMarkerTheRuleLeavesTheRefusalToBanTheBox() {
    assertThat(RuleCheck.of(hiring("guide", "neutral"))
            .form("guide", ASKS_ABOUT_ARRESTS)
            .violations(RULE))
        .isEmpty();
  }
}
