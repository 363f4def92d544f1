package org.peerflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Rest;
import org.peerflow.deployment.FolderDeployments;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Mutated copies of the real diagrams and forms, each breaking one rule a different way, go
 * through the REST deploy path as the process owner owen and through the folders; each is refused
 * with the rule, the step and the path, and the running version stays in service. Valid edits go
 * through.
 */
class ComplianceGuardTest extends IntegrationTestBase {

  @LocalServerPort
  int port;

  @Autowired
  RepositoryService repositoryService;

  @TempDir
  Path root;

  static Stream<Arguments> mutations() {
    return Stream.of(
        mutation(
            "background check moved before the interview",
            () -> ModelSet.real().bpmn("fair-chance-hiring", model -> {
              SequenceFlow yes = model.getModelElementById("Flow_MeetsQualificationsToPanelSplit");
              yes.setTarget(model.getModelElementById("Task_RecordCheckAuthorization"));
            }),
            "ban-the-box: Task_RecordCheckAuthorization (\"Record the check disclosure and authorization\") is reachable "
                + "from StartEvent_ApplicationReceived via Task_ScreenApplication without passing the conditional offer"),
        mutation(
            "a hand-written flow from the start to the check, without <outgoing> entries",
            () -> ModelSet.real()
                .text(
                    "processes/fair-chance-hiring.bpmn",
                    "</bpmn:process>",
                    "<bpmn:sequenceFlow id=\"Flow_Sneak\" "
                        + "sourceRef=\"StartEvent_ApplicationReceived\" targetRef=\"Task_RecordCheckAuthorization\" /></bpmn:process>"),
            "ban-the-box: Task_RecordCheckAuthorization (\"Record the check disclosure and authorization\") is reachable "
                + "from StartEvent_ApplicationReceived without passing the conditional offer"),
        mutation(
            "record review called straight after selection",
            () -> ModelSet.real().bpmn("fair-chance-hiring", model -> {
              SequenceFlow selected =
                  model.getModelElementById("Flow_SelectedToEvaluatePreOfferRules");
              selected.setTarget(model.getModelElementById("CallActivity_RecordReview"));
            }),
            "ban-the-box: CallActivity_RecordReview (\"Review the background check (HR only)\") is reachable from "
                + "StartEvent_ApplicationReceived via Task_ScreenApplication, Task_InterviewSupervisor"),
        mutation(
            "conviction question added to the application form",
            () -> ModelSet.real()
                .formComponent(
                    "application",
                    "{\"type\":\"radio\",\"key\":\"convictedBefore\",\"id\":\"Field_ConvictedBefore\","
                        + "\"label\":\"Have you ever been convicted of a crime?\",\"values\":[{\"label\":\"Yes\",\"value\":\"yes\"}]}"),
            "pre-offer-form: forms/application.form Field_ConvictedBefore (\"Have you ever been convicted of a crime?\") "
                + "speaks of criminal history (\"convict\") and is shown by StartEvent_ApplicationReceived"),
        mutation(
            "arrest question in the interview guide text",
            () -> ModelSet.real()
                .formComponent(
                    "interview-peer",
                    "{\"type\":\"text\",\"id\":\"Text_AskArrests\",\"text\":\"Also ask whether the applicant has any arrests.\"}"),
            "pre-offer-form: forms/interview-peer.form Text_AskArrests speaks of criminal history (\"arrest\") and is shown "
                + "by Task_InterviewPeer (\"Interview the applicant (peer specialist)\"), reachable from StartEvent_ApplicationReceived via Task_ScreenApplication"),
        mutation(
            "a loop back before the offer through a record check",
            () -> ModelSet.real()
                .bpmn(
                    "fair-chance-hiring",
                    model -> ((FlowNode) model.getModelElementById("Gateway_Selected"))
                        .builder()
                        .sequenceFlowId("Flow_Recheck")
                        .condition("Re-check", "${selectionDecision == 'recheck'}")
                        .userTask("Task_RecordCheckBeforeSelection")
                        .name("Record check before selection")
                        .camundaCandidateGroups("hr")
                        .camundaFormRef("application-screening")
                        .camundaFormRefBinding("deployment")
                        .connectTo("Task_InterviewSupervisor")),
            "ban-the-box: Task_RecordCheckBeforeSelection (\"Record check before selection\") is reachable from "
                + "StartEvent_ApplicationReceived via Task_ScreenApplication, Task_InterviewSupervisor"),
        mutation(
            "a boundary event that skips the offer",
            () -> ModelSet.real()
                .bpmn(
                    "fair-chance-hiring",
                    model -> ((UserTask) model.getModelElementById("Task_InterviewSupervisor"))
                        .builder()
                        .boundaryEvent("Event_InterviewOverdue")
                        .name("Interview overdue")
                        .cancelActivity(false)
                        .timerWithDuration("P10D")
                        .connectTo("Task_RecordCheckAuthorization")),
            "ban-the-box: Task_RecordCheckAuthorization (\"Record the check disclosure and authorization\") is reachable "
                + "from StartEvent_ApplicationReceived via Task_ScreenApplication, Task_InterviewSupervisor"),
        mutation(
            "an event subprocess step that obtains records",
            () -> ModelSet.real()
                .text(
                    "processes/fair-chance-hiring.bpmn",
                    "name=\"Record the withdrawal\"",
                    "name=\"Run a background check on withdrawal\""),
            "ban-the-box: Task_RecordWithdrawal (\"Run a background check on withdrawal\") is reachable from "
                + "StartEvent_ApplicationWithdrawn without passing the conditional offer (unclassified, but it speaks of \"background check\")"),
        mutation(
            "the conditional offer no longer marked",
            () -> ModelSet.real()
                .text(
                    "processes/fair-chance-hiring.bpmn",
                    "<camunda:property name=\"peerflow.milestone\" value=\"conditional-offer\" />",
                    ""),
            "ban-the-box: fair-chance-hiring has no step marked as the conditional offer"),
        mutation(
            "the assessment re-routed to supervisors",
            () -> ModelSet.real()
                .bpmn(
                    "fair-chance-record-review",
                    model -> ((UserTask) model.getModelElementById("Task_AssessIndividually"))
                        .setCamundaCandidateGroups("hr,supervisors")),
            "confidentiality: Task_AssessIndividually (\"Make the individualized assessment\") handles criminal history "
                + "but is routed to groups hr,supervisors; route it to the candidate group hr alone"),
        mutation(
            "the record review opened to supervisors",
            () -> ModelSet.real()
                .text(
                    "processes/fair-chance-record-review.bpmn",
                    "name=\"peerflow.readers\" value=\"hr\"",
                    "name=\"peerflow.readers\" value=\"hr,supervisors\""),
            "but fair-chance-record-review may be read by hr, supervisors (peerflow.readers)"),
        mutation(
            "a diagnosis field on a supervisor's form",
            () -> ModelSet.real()
                .formComponent(
                    "interview-supervisor",
                    "{\"type\":\"textfield\",\"key\":\"applicantDiagnosis\",\"id\":\"Field_Diagnosis\",\"label\":\"Diagnosis, if known\"}"),
            "confidentiality: Task_InterviewSupervisor (\"Interview the applicant (supervisor)\") handles medical data "
                + "(unclassified, but its form forms/interview-supervisor.form shows Field_Diagnosis (\"Diagnosis, if known\")"),
        mutation(
            "the medical documentation review re-routed to supervisors",
            () -> ModelSet.real()
                .bpmn(
                    "accommodation-medical-review",
                    model -> ((UserTask) model.getModelElementById("Task_ReviewDocumentation"))
                        .setCamundaCandidateGroups("supervisors")),
            "confidentiality: Task_ReviewDocumentation (\"Review the documentation\") handles medical data but is routed to groups supervisors"),
        mutation(
            "hr added to a consent record",
            () -> ModelSet.real()
                .bpmn(
                    "informed-consent",
                    model -> ((UserTask) model.getModelElementById("Task_AssessCapacity"))
                        .setCamundaCandidateGroups("clinicians,hr")),
            "confidentiality: Task_AssessCapacity (\"Assess capacity for this decision\") belongs to the clinical record of informed-consent, which hr must never read"),
        mutation(
            "a punitive step after a refusal of treatment",
            () -> ModelSet.real()
                .bpmn(
                    "informed-consent",
                    model -> ((BoundaryEvent) model.getModelElementById("Event_Refused"))
                        .builder()
                        .userTask("Task_ReportNonCompliance")
                        .name("Report non-compliance to the court")
                        .camundaCandidateGroups("clinicians")
                        .camundaFormRef("consent-documentation")
                        .camundaFormRefBinding("deployment")
                        .endEvent("EndEvent_Reported")),
            "no-punishment: Task_ReportNonCompliance (\"Report non-compliance to the court\") follows the refusal from "
                + "EndEvent_DecisionRefused and is not marked neutral (peerflow.neutral = true)"),
        mutation(
            "the refusal no longer marked",
            () -> ModelSet.real()
                .text(
                    "processes/informed-consent.bpmn",
                    "<camunda:property name=\"peerflow.milestone\" value=\"refusal\" />",
                    ""),
            "no-punishment: informed-consent has no step marked as the refusal"),
        mutation(
            "the client-index check moved back before the selection",
            () -> ModelSet.real()
                .bpmn(
                    "fair-chance-hiring",
                    model -> ((FlowNode) model.getModelElementById("Gateway_PanelJoin"))
                        .builder()
                        .userTask("Task_CheckClientIndex")
                        .name("Check the client index")
                        .camundaCandidateGroups("hr")
                        .camundaFormRef("former-client-check")
                        .camundaFormRefBinding("deployment")
                        .connectTo("Task_SelectCandidate")),
            "pre-offer-medical: Task_CheckClientIndex (\"Check the client index\") is reachable from StartEvent_ApplicationReceived "
                + "via Task_ScreenApplication"),
        mutation(
            "a former-client question in the interview guide",
            () -> ModelSet.real()
                .formComponent(
                    "interview-supervisor",
                    "{\"type\":\"radio\",\"key\":\"wasClient\",\"id\":\"Field_WasClient\",\"label\":\"Is the applicant a former client?\","
                        + "\"values\":[{\"label\":\"Yes\",\"value\":\"yes\"}]}"),
            "pre-offer-medical: Task_InterviewSupervisor (\"Interview the applicant (supervisor)\") is reachable from "
                + "StartEvent_ApplicationReceived via Task_ScreenApplication"),
        mutation(
            "the dual-relationship plan opened to supervisors",
            () -> ModelSet.real()
                .text(
                    "processes/fair-chance-former-client.bpmn",
                    "name=\"peerflow.readers\" value=\"hr\"",
                    "name=\"peerflow.readers\" value=\"hr,supervisors\""),
            "but fair-chance-former-client may be read by hr, supervisors (peerflow.readers)"),
        mutation(
            "a petition without a way not to file",
            () -> ModelSet.real().bpmn("informed-consent-court-path", model -> {
              SequenceFlow filed = model.getModelElementById("Flow_FilePetitionToPetitionFiled");
              filed.setTarget(model.getModelElementById("Task_RecordCourtDecision"));
            }),
            "no-forced-petition: Task_FilePetition (\"File the petition or record that none is filed\") files a court petition"),
        mutation(
            "every variable of the record review returned",
            () -> ModelSet.real()
                .text(
                    "processes/fair-chance-hiring.bpmn",
                    "<camunda:out source=\"recordReviewOutcome\" target=\"recordReviewOutcome\" />",
                    "<camunda:out variables=\"all\" />"),
            "confidentiality: CallActivity_RecordReview (\"Review the background check (HR only)\") returns all variables"));
  }

  static Stream<Arguments> validEdits() {
    return Stream.of(
        Arguments.of("renamed task", (Supplier<ModelSet>) () -> ModelSet.real()
            .text(
                "processes/fair-chance-hiring.bpmn",
                "name=\"Screen the application\"",
                "name=\"Screen the application against the posting\"")),
        Arguments.of("added reminder", (Supplier<ModelSet>) () -> ModelSet.real()
            .bpmn(
                "fair-chance-hiring",
                model -> ((UserTask) model.getModelElementById("Task_ScreenApplication"))
                    .builder()
                    .boundaryEvent("Event_ScreeningReminder")
                    .name("Screening waits 3 days")
                    .cancelActivity(false)
                    .timerWithDuration("P3D")
                    .userTask("Task_ScreeningReminder")
                    .name("Screen the waiting application")
                    .camundaCandidateGroups("hr")
                    .camundaFormRef("application-screening")
                    .camundaFormRefBinding("deployment")
                    .endEvent("EndEvent_Reminded"))),
        Arguments.of(
            "changed window in the jurisdiction table", (Supplier<ModelSet>) () -> ModelSet.real()
                .text(
                    "processes/hiring-record-rules.dmn",
                    "<outputEntry id=\"OutputEntry_CA_0\"><text>5</text>",
                    "<outputEntry id=\"OutputEntry_CA_0\"><text>10</text>")),
        Arguments.of("new unrelated task", (Supplier<ModelSet>) () -> ModelSet.real()
            .bpmn(
                "fair-chance-hiring",
                model -> ((FlowNode) model.getModelElementById("Gateway_OnboardingSplit"))
                    .builder()
                    .userTask("Task_OrderBadge")
                    .name("Order a name badge")
                    .camundaCandidateGroups("supervisors")
                    .camundaFormRef("onboarding-supervisor")
                    .camundaFormRefBinding("deployment")
                    .connectTo("Gateway_OnboardingJoin"))));
  }

  private static Arguments mutation(String name, Supplier<ModelSet> models, String expected) {
    return Arguments.of(name, models, expected);
  }

  private long deploymentsBefore;

  @BeforeEach
  void countDeployments() {
    deploymentsBefore = repositoryService.createDeploymentQuery().count();
  }

  /** Only after a test that deployed something: a refused mutation changed nothing to put back. */
  @AfterEach
  void putTheRealModelsBackInService() {
    if (repositoryService.createDeploymentQuery().count() != deploymentsBefore) {
      FolderDeployments.deploy(repositoryService, ModelSet.real().files, "compliance-restore");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void aMutationIsRefusedOverRestAsTheProcessOwnerAndTheRunningVersionStays(
      String name, Supplier<ModelSet> models, String expected) {
    int running = latestHiringVersion();

    Rest.Response response = new Rest(port)
        .postMultipart(
            "owen",
            "/engine-rest/deployment/create",
            Map.of("deployment-name", "mutation", "deployment-source", "Camunda Modeler"),
            models.get().files);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("message").asText()).contains(expected);
    assertThat(latestHiringVersion()).isEqualTo(running);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void aMutationIsRefusedFromTheFoldersAndTheRunningVersionStays(
      String name, Supplier<ModelSet> models, String expected) {
    models.get().writeTo(root);
    int running = latestHiringVersion();

    assertThatThrownBy(
            () -> FolderDeployments.deployFolders(repositoryService, root, "mutation-folders"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining(expected);
    assertThat(latestHiringVersion()).isEqualTo(running);
  }

  @org.junit.jupiter.api.Test
  void aMutationSavedIntoTheWatchedFoldersIsRefusedAndAFixedSaveGoesThrough() throws Exception {
    ModelSet.real().writeTo(root);
    try (FolderDeployments.Watching watching =
        FolderDeployments.watch(repositoryService, root, "hot-compliance")) {
      FolderDeployments.deployFolders(repositoryService, root, "hot-compliance");
      long before = repositoryService
          .createDeploymentQuery()
          .deploymentName("hot-compliance")
          .count();

      long attempts = watching.attempts();
      ModelSet.real()
          .formComponent(
              "application",
              "{\"type\":\"checkbox\",\"key\":\"hasRecord\","
                  + "\"id\":\"Field_HasRecord\",\"label\":\"I have a criminal record\"}")
          .writeTo(root);
      watching.awaitAttemptAfter(attempts);
      assertThat(repositoryService
              .createDeploymentQuery()
              .deploymentName("hot-compliance")
              .count())
          .isEqualTo(before);

      attempts = watching.attempts();
      ModelSet.real()
          .text(
              "processes/fair-chance-hiring.bpmn",
              "name=\"Screen the application\"",
              "name=\"Screen the application today\"")
          .writeTo(root);
      watching.awaitAttemptAfter(attempts);
      assertThat(repositoryService
              .createDeploymentQuery()
              .deploymentName("hot-compliance")
              .count())
          .isEqualTo(before + 1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validEdits")
  void aValidEditIsAcceptedOverRestAndFromTheFolders(String name, Supplier<ModelSet> models) {
    long deployments = repositoryService.createDeploymentQuery().count();

    Rest.Response response = new Rest(port)
        .postMultipart(
            "owen",
            "/engine-rest/deployment/create",
            Map.of("deployment-name", "valid-edit", "deployment-source", "Camunda Modeler"),
            models.get().files);
    assertThat(response.status()).as(response.body()).isEqualTo(200);

    models.get().writeTo(root);
    assertThat(FolderDeployments.deployFolders(repositoryService, root, "valid-edit-folders"))
        .isTrue();
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments + 2);
  }

  private int latestHiringVersion() {
    return repositoryService
        .createProcessDefinitionQuery()
        .processDefinitionKey("fair-chance-hiring")
        .latestVersion()
        .singleResult()
        .getVersion();
  }
}
