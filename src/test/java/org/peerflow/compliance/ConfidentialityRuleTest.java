package org.peerflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.CallActivityBuilder;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.junit.jupiter.api.Test;

/** Rule confidentiality on models built in code: confidential data reaches hr alone. */
class ConfidentialityRuleTest {

  private static final ComplianceRule RULE = new ConfidentialityRule();

  private static RuleCheck review(String candidateGroups, String name) {
    BpmnModelInstance model = Bpmn.createExecutableProcess("record-review")
        .startEvent()
        .userTask("Task_Assess")
        .name(name)
        .camundaCandidateGroups(candidateGroups)
        .endEvent()
        .done();
    return RuleCheck.of(model).property("Task_Assess", "peerflow.data", "criminal-history");
  }

  @Test
  void aCriminalHistoryStepRoutedToHrAloneInAnHrOnlyProcessPasses() {
    assertThat(review("hr", "Assess")
            .property("record-review", "peerflow.readers", "hr")
            .violations(RULE))
        .isEmpty();
  }

  @Test
  void aCriminalHistoryStepRoutedToSupervisorsTooIsRefused() {
    assertThat(review("hr,supervisors", "Assess").violations(RULE))
        .containsExactly(
            "confidentiality: Task_Assess (\"Assess\") "
                + "handles criminal history but is routed to groups hr,supervisors; route it to the candidate group hr alone");
  }

  @Test
  void aCriminalHistoryStepInAProcessOthersMayReadIsRefused() {
    assertThat(review("hr", "Assess")
            .property("record-review", "peerflow.readers", "supervisors,hr")
            .violations(RULE))
        .containsExactly(
            "confidentiality: Task_Assess (\"Assess\") handles criminal history but record-review may be read by "
                + "hr, supervisors (peerflow.readers); move the step into a process only hr may read, called by a call activity");
  }

  @Test
  void aCriminalHistoryStepWithAnExpressionInItsNameIsRefused() {
    assertThat(review("hr", "Assess ${applicantName}").violations(RULE))
        .singleElement()
        .asString()
        .endsWith("has an expression in its name, which task e-mails carry; give it a fixed name");
  }

  @Test
  void anUnclassifiedStepWhoseFormShowsADiagnosisMustGoToHr() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("interview")
        .startEvent()
        .userTask("Task_Interview")
        .name("Interview")
        .camundaCandidateGroups("supervisors")
        .camundaFormRef("interview")
        .endEvent()
        .done();
    assertThat(RuleCheck.of(model)
            .form(
                "interview",
                "[{\"type\": \"textfield\", \"key\": \"applicantDiagnosis\", "
                    + "\"id\": \"Field_Diagnosis\", \"label\": \"Diagnosis, if known\"}]")
            .violations(RULE))
        .singleElement()
        .asString()
        .startsWith(
            "confidentiality: Task_Interview (\"Interview\") handles medical data (unclassified, but its form "
                + "forms/interview.form shows Field_Diagnosis (\"Diagnosis, if known\")");
  }

  @Test
  void hrInAClinicalRecordIsRefused() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("consent")
        .startEvent()
        .userTask("Task_AssessCapacity")
        .name("Assess capacity")
        .camundaCandidateGroups("clinicians,hr")
        .endEvent()
        .done();
    assertThat(RuleCheck.of(model)
            .property("consent", "peerflow.record", "clinical")
            .violations(RULE))
        .containsExactly(
            "confidentiality: Task_AssessCapacity (\"Assess capacity\") belongs to the clinical record of consent, which hr "
                + "must never read; remove hr from its candidate groups and from peerflow.readers");
  }

  private static BpmnModelInstance caller(
      java.util.function.Consumer<CallActivityBuilder> outputs) {
    CallActivityBuilder call = Bpmn.createExecutableProcess("hiring")
        .startEvent()
        .callActivity("CallActivity_Review")
        .name("Review")
        .calledElement("record-review");
    outputs.accept(call);
    return call.endEvent().done();
  }

  private static BpmnModelInstance confidentialReview() {
    return RuleCheck.property(
        Bpmn.createExecutableProcess("record-review")
            .startEvent()
            .userTask("Task_Assess")
            .camundaCandidateGroups("hr")
            .endEvent()
            .done(),
        "Task_Assess",
        "peerflow.data",
        "criminal-history");
  }

  /** A call that returns every variable of the called process: {@code <camunda:out variables="all" />}. */
  private static BpmnModelInstance callerReturningAll() {
    BpmnModelInstance model = caller(call -> {});
    CamundaOut all = model.newInstance(CamundaOut.class);
    all.setCamundaVariables("all");
    model
        .<CallActivity>getModelElementById("CallActivity_Review")
        .builder()
        .addExtensionElement(all);
    return model;
  }

  @Test
  void aCallReturningAllVariablesOfAConfidentialProcessDeployedOnItsOwnIsRefused() {
    assertThat(RuleCheck.of(callerReturningAll())
            .deployedElsewhere(confidentialReview())
            .violations(RULE))
        .containsExactly(
            "confidentiality: CallActivity_Review (\"Review\") returns all variables of a confidential process to hiring; "
                + "return only the outcome (camunda:out per variable)");
    assertThat(RuleCheck.of(callerReturningAll()).violations(RULE))
        .as("without the deployed process the call looks harmless")
        .isEmpty();
  }

  @Test
  void aCallReturningOnlyTheOutcomePasses() {
    assertThat(RuleCheck.of(
                caller(call -> call.camundaOut("recordReviewOutcome", "recordReviewOutcome")))
            .deployedElsewhere(confidentialReview())
            .violations(RULE))
        .isEmpty();
  }
}
