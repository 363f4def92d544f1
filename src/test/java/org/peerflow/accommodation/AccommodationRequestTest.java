package org.peerflow.accommodation;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerflow.EveryReadPath;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Mailbox;
import org.peerflow.Rest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code accommodation-request} and its confidential and supervisor instances, path by path, on the real diagrams. */
class AccommodationRequestTest extends IntegrationTestBase {

  /** Monday 2 March 2026, 09:00 in New York: no holiday before April. */
  static final ZonedDateTime MONDAY =
      ZonedDateTime.parse("2026-03-02T09:00:00-05:00[America/New_York]");

  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  TaskService taskService;

  @Autowired
  ManagementService managementService;

  AccommodationWalk walk;

  @BeforeEach
  void startOnAMonday() {
    ClockUtil.setCurrentTime(at(0));
    walk = new AccommodationWalk(processEngine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // ------------------------------------------------------------------ three ways in

  @Test
  void anEmployeeRequestByAnyChannelIsAcknowledgedInWritingWithinFiveBusinessDays()
      throws Exception {
    ProcessInstance request = walk.request();

    Assertions.assertThat(request.getBusinessKey()).matches("RA-2026-[A-Z2-9]{6}");
    assertThat(request)
        .isWaitingAt("Task_Acknowledge")
        .variables()
        .containsEntry("requestPath", "employee")
        .containsEntry("channel", "phone")
        .containsEntry("requestedBy", "Ana Morgan, sister")
        .containsEntry("requestDate", at(0));
    Task acknowledge = task(request);
    assertThat(acknowledge).hasCandidateGroup("hr");
    Assertions.assertThat(acknowledge.getDueDate())
        .isEqualTo(at(7)); // 5 business days: Monday 9 March

    walk.acknowledge(request);
    assertThat(request).isWaitingAt("Task_ScheduleMeeting");
    String letter = Mailbox.body(single(mailTo(request), "We received your accommodation request"));
    Assertions.assertThat(letter)
        .contains("Dear Alex Morgan")
        .contains("Monday, March 2, 2026 (phone)")
        .contains(request.getBusinessKey())
        .contains("Harper Lee")
        .contains("peer specialist or an advocate")
        .contains("by Monday, March 23, 2026")
        .contains("apart from your personnel file");
    FileValue copy =
        runtimeService.getVariableTyped(request.getId(), "noticeAccommodationAcknowledgement");
    Assertions.assertThat(new String(copy.getValue().readAllBytes()))
        .contains("Monday, March 2, 2026");
  }

  @Test
  void otherwiseObviousReferralGoesToHrNotSupervisor() {
    Rest rest = new Rest(port);
    String email = AccommodationWalk.uniqueEmail();
    Rest.Response started = rest.postJson(
        "sam",
        "/engine-rest/process-definition/key/accommodation-request/start",
        Map.of(
            "variables",
            Map.of(
                "requestPath", Map.of("value", "referral"),
                "employeeName", Map.of("value", "Alex Morgan"),
                "employeeEmail", Map.of("value", email),
                "referralObservation", Map.of("value", "Misses the 8:00 intake most Mondays"))));
    Assertions.assertThat(started.status()).as(started.body()).isEqualTo(200);
    ProcessInstance request = runtimeService
        .createProcessInstanceQuery()
        .processInstanceId(started.json().get("id").asText())
        .singleResult();

    assertThat(request)
        .isWaitingAt("Task_ReachOut")
        .variables()
        .containsEntry("requestPath", "referral")
        .containsEntry("startedBy", "sam")
        .containsEntry("requestedBy", "sam");
    assertThat(task(request)).hasCandidateGroup("hr");
    Assertions.assertThat(candidateGroups(task(request))).containsExactly("hr");
    Assertions.assertThat(rest.get("sam", "/engine-rest/task").body())
        .doesNotContain(request.getId());
    Assertions.assertThat(
            rest.get("sam", "/engine-rest/process-instance/" + request.getId()).status())
        .isNotEqualTo(200);
    EveryReadPath.assertNoneReveals(rest, "sam", "Misses the 8:00 intake", request.getId());

    complete(
        task(request), withVariables("contactedOn", "2026-03-03", "contactOutcome", "explore"));
    assertThat(request).isWaitingAt("Task_Acknowledge");
  }

  @Test
  void aRequestAnEmployeeMakesToTheirSupervisorIsARequestNotAReferral() {
    // EEOC Guidance Q3: telling one's supervisor is a request; the channel and who asked stay as
    // recorded
    Rest rest = new Rest(port);
    Rest.Response started = rest.postJson(
        "sam",
        "/engine-rest/process-definition/key/accommodation-request/start",
        Map.of(
            "variables",
            Map.of(
                "requestPath", Map.of("value", "employee"),
                "employeeName", Map.of("value", "Alex Morgan"),
                "employeeEmail", Map.of("value", AccommodationWalk.uniqueEmail()),
                "channel", Map.of("value", "in person"),
                "requestedBy", Map.of("value", "Alex Morgan, to the supervisor"),
                "requestSummary", Map.of("value", "Start later on therapy days"))));
    Assertions.assertThat(started.status()).as(started.body()).isEqualTo(200);
    ProcessInstance request = runtimeService
        .createProcessInstanceQuery()
        .processInstanceId(started.json().get("id").asText())
        .singleResult();

    assertThat(request)
        .isWaitingAt("Task_Acknowledge")
        .hasNotPassed("Task_ReachOut")
        .variables()
        .containsEntry("requestPath", "employee")
        .containsEntry("channel", "in person")
        .containsEntry("requestedBy", "Alex Morgan, to the supervisor")
        .containsEntry("startedBy", "sam")
        .containsEntry("supervisorId", "sam");
    Assertions.assertThat(candidateGroups(task(request))).containsExactly("hr");
  }

  @Test
  void anUnknownSupervisorIdIsRefusedAndStartsNothing() {
    Assertions.assertThatThrownBy(() -> runtimeService
            .createProcessInstanceByKey("accommodation-request")
            .setVariable("employeeName", "Alex Morgan")
            .setVariable("employeeEmail", AccommodationWalk.uniqueEmail())
            .setVariable("channel", "phone")
            .setVariable("supervisorId", "nobody-here")
            .execute())
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("'supervisorId' names no user: 'nobody-here'");
  }

  @Test
  void aReferredEmployeeMaySayNoAccommodationIsNeeded() {
    ProcessInstance request = runtimeService
        .createProcessInstanceByKey("accommodation-request")
        .setVariable("requestPath", "referral")
        .setVariable("employeeName", "Alex Morgan")
        .setVariable("employeeEmail", AccommodationWalk.uniqueEmail())
        .execute();

    complete(
        task("Task_ReachOut", request),
        withVariables("contactedOn", "2026-03-03", "contactOutcome", "no-need"));
    assertThat(request)
        .isEnded()
        .hasPassed("EndEvent_NoAccommodationNeeded")
        .hasNotPassed("Task_Acknowledge");
  }

  @Test
  void anApplicantsRequestFromHiringStartsACaseAsACallActivityWouldPassIt() {
    String email = AccommodationWalk.uniqueEmail();
    ProcessInstance request = runtimeService
        .createProcessInstanceByKey("accommodation-request")
        .setVariable("applicantName", "Jordan Rivera")
        .setVariable("applicantEmail", email)
        .execute();

    Assertions.assertThat(request.getBusinessKey()).startsWith("RA-2026-");
    assertThat(request)
        .isWaitingAt("Task_Acknowledge")
        .variables()
        .containsEntry("requestPath", "applicant")
        .containsEntry("employeeName", "Jordan Rivera")
        .containsEntry("employeeEmail", email)
        .containsEntry("channel", "application process");
  }

  @Test
  void aRequestWithoutAnEmailAddressIsRefusedAndStartsNothing() {
    long before = runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey("accommodation-request")
        .count();

    Assertions.assertThatThrownBy(() -> runtimeService
            .createProcessInstanceByKey("accommodation-request")
            .setVariable("employeeName", "Alex Morgan")
            .setVariable("channel", "phone")
            .execute())
        .isInstanceOf(BadUserRequestException.class)
        .hasMessage(
            "The start variable 'employeeEmail' (where the acknowledgement and the decision go) is missing.");
    Assertions.assertThat(runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey("accommodation-request")
            .count())
        .isEqualTo(before);
    Rest.Response rest = new Rest(port)
        .postJson(
            "harper",
            "/engine-rest/process-definition/key/accommodation-request/start",
            Map.of(
                "variables",
                Map.of(
                    "employeeName", Map.of("value", "Alex"), "channel", Map.of("value", "phone"))));
    // Camunda's REST start wraps every engine exception as HTTP 500; the sentence is in the message
    Assertions.assertThat(rest.status()).as(rest.body()).isNotEqualTo(200);
    Assertions.assertThat(rest.body())
        .contains(
            "The start variable 'employeeEmail' (where the acknowledgement and the decision go) is missing.");
  }

  // ------------------------------------------------------------------ the interactive meeting

  @Test
  void jobFunctionsAreRecordedBeforeLimitations() throws Exception {
    ProcessInstance request = walk.request();
    walk.acknowledge(request);
    walk.schedule(request, "none");

    assertThat(request)
        .isWaitingAt("Task_RecordJobFunctions")
        .hasNotPassed("Task_RecordLimitations");
    walk.meet(request, "no-obvious");
    List<String> order = processEngine
        .getHistoryService()
        .createHistoricActivityInstanceQuery()
        .processInstanceId(request.getId())
        .activityType("userTask")
        .orderByHistoricActivityInstanceStartTime()
        .asc()
        .orderPartiallyByOccurrence()
        .asc()
        .list()
        .stream()
        .map(HistoricActivityInstance::getActivityId)
        .toList();
    Assertions.assertThat(order)
        .containsSubsequence(
            "Task_RecordJobFunctions", "Task_RecordLimitations", "Task_RecordEmployeeIdeas");
    // in the diagram itself: the limitations step is reachable only from the job-functions step
    BpmnModelInstance model = model("accommodation-request");
    FlowNode limitations = model.getModelElementById("Task_RecordLimitations");
    Assertions.assertThat(limitations.getPreviousNodes().list())
        .extracting(FlowNode::getId)
        .containsExactly("Task_RecordJobFunctions");
    FlowNode ideas = model.getModelElementById("Task_RecordEmployeeIdeas");
    Assertions.assertThat(ideas.getPreviousNodes().list())
        .extracting(FlowNode::getId)
        .containsExactly("Task_RecordLimitations");
  }

  @Test
  void aPeerSpecialistTaskExistsOnlyWhenTheEmployeeWantsOne() {
    ProcessInstance withPeer = walk.request();
    walk.acknowledge(withPeer);
    walk.schedule(withPeer, "peer-specialist");
    ProcessInstance support = walk.child(withPeer, "accommodation-peer-support");

    assertThat(support).isWaitingAt("Task_SupportAtMeeting");
    assertThat(task(support)).as("the peer specialist HR chose, no other").isAssignedTo("pat");
    Assertions.assertThat(runtimeService.getVariables(support.getId()).keySet())
        .containsExactlyInAnyOrder("employeeName", "meetingDate", "supportingPeer");
    complete(task(support), withVariables("peerSupportConfirmed", "yes"));
    assertThat(withPeer)
        .isWaitingAt("Task_RecordJobFunctions")
        .variables()
        .containsEntry("peerSupportConfirmed", "yes");

    ProcessInstance withoutPeer = walk.request();
    walk.acknowledge(withoutPeer);
    walk.schedule(withoutPeer, "advocate");
    assertThat(withoutPeer)
        .isWaitingAt("Task_RecordJobFunctions")
        .hasNotPassed("CallActivity_PeerSupport");
  }

  // ------------------------------------------------------------------ documentation

  @ParameterizedTest(name = "documentation needed: {0}")
  @ValueSource(strings = {"no-obvious", "no-known"})
  void noDocumentationIsAskedWhenTheNeedIsObviousOrAlreadyKnown(String documentationNeeded) {
    ProcessInstance request = walk.toAfterMeeting(documentationNeeded);

    assertThat(request)
        .isWaitingAt("Task_ExploreOptions")
        .hasNotPassed("CallActivity_MedicalReview");
    Assertions.assertThat(walk.child(request, "accommodation-medical-review")).isNull();
  }

  @Test
  void documentationIsRequestedByLetterAndKeptInTheHrOnlyInstance() throws Exception {
    ProcessInstance request = walk.toAfterMeeting("yes");
    ProcessInstance review = walk.child(request, "accommodation-medical-review");

    assertThat(review).isWaitingAt("Task_PrepareDocumentationRequest");
    assertThat(task(review)).hasCandidateGroup("hr");
    walk.requestDocumentation(request);
    assertThat(review).isWaitingAt("Gateway_AwaitDocumentation");
    String letter = Mailbox.body(single(mailTo(request), "Information we need"));
    Assertions.assertThat(letter)
        .contains("Does a later start on two days a week help")
        .contains("(treating psychologist)")
        .contains("do not send complete medical records")
        .contains("does not count toward");
    Assertions.assertThat(runtimeService.getVariables(review.getId()))
        .containsKey("noticeAccommodationDocumentationRequest");

    walk.documentationReceived(request);
    walk.reviewDocumentation(review, "sufficient");
    assertThat(review).isEnded();
    assertThat(request)
        .isWaitingAt("Task_ExploreOptions")
        .variables()
        .containsEntry("documentationOutcome", "sufficient")
        .doesNotContainKeys(
            "medicalDocumentation", "documentationReviewNotes", "documentationQuestions");
  }

  @Test
  void insufficientDocumentationIsAskedForAgainAndTheWaitsAddUp() {
    ProcessInstance request = walk.toAfterMeeting("yes");
    ProcessInstance review = walk.requestDocumentation(request);
    ClockUtil.setCurrentTime(at(2)); // Wednesday: 2 business days
    walk.documentationReceived(request);
    walk.reviewDocumentation(review, "clarify");

    assertThat(review).isWaitingAt("Task_PrepareDocumentationRequest");
    walk.requestDocumentation(request);
    ClockUtil.setCurrentTime(at(3)); // Thursday: 1 more
    walk.documentationReceived(request);
    walk.reviewDocumentation(review, "sufficient");
    assertThat(request).variables().containsEntry("documentationWaitDays", 3L);
  }

  @Test
  void decisionClockPausesWhileWaitingForDocumentation() {
    ProcessInstance request = walk.toAfterMeeting("yes");
    ProcessInstance review = walk.requestDocumentation(request);
    ClockUtil.setCurrentTime(at(4)); // the letter arrives on Friday: 4 business days waiting
    walk.documentationReceived(request);
    walk.reviewDocumentation(review, "sufficient");
    walk.exploreOptions(request, false);
    walk.supervisorAnswers(request, "hardship", "sam");

    assertThat(request)
        .isWaitingAt("Task_Decide")
        .variables()
        .containsEntry("documentationWaitDays", 4L);
    // 15 business days from Monday 2 March is Monday 23 March; 4 more: Friday 27 March
    Assertions.assertThat(task(request).getDueDate()).isEqualTo(at(25));

    ClockUtil.setCurrentTime(at(0));
    ProcessInstance noWait = walk.toDecision();
    Assertions.assertThat(task("Task_Decide", noWait).getDueDate()).isEqualTo(at(21));
  }

  @Test
  void whenNoDocumentationArrivesTheCaseReturnsToHrAfterFifteenBusinessDays() {
    ProcessInstance request = walk.toAfterMeeting("yes");
    ProcessInstance review = walk.requestDocumentation(request);
    Job overdue = managementService
        .createJobQuery()
        .processInstanceId(review.getId())
        .timers()
        .singleResult();

    Assertions.assertThat(overdue.getDuedate())
        .isEqualTo(at(21)); // 15 business days: Monday 23 March
    ClockUtil.setCurrentTime(at(21));
    managementService.executeJob(overdue.getId());
    assertThat(review)
        .isWaitingAt("Task_ReviewDocumentation")
        .variables()
        .containsEntry("documentationOverdue", true);
    assertThat(task(review)).hasCandidateGroup("hr");
    walk.reviewDocumentation(review, "insufficient");

    assertThat(request)
        .isWaitingAt("Task_ExploreOptions")
        .variables()
        .containsEntry("documentationOutcome", "insufficient")
        .containsEntry("documentationWaitDays", 15L);
  }

  @Test
  void theDocumentationTimeoutComesFromTheDueDatesTableAndAProcessOwnerCanChangeIt()
      throws Exception {
    String table = java.nio.file.Files.readString(Path.of("processes/accommodation-due-dates.dmn"));
    deployDueDates(table.replace(
        "<outputEntry id=\"OutputEntry_Default_DocumentationTimeout\"><text>15</text>",
        "<outputEntry id=\"OutputEntry_Default_DocumentationTimeout\"><text>20</text>"));
    try {
      ProcessInstance request = walk.toAfterMeeting("yes");
      ProcessInstance review = walk.requestDocumentation(request);
      Job overdue = managementService
          .createJobQuery()
          .processInstanceId(review.getId())
          .timers()
          .singleResult();
      Assertions.assertThat(overdue.getDuedate())
          .as("20 business days from Monday 2 March")
          .isEqualTo(at(28));
    } finally {
      deployDueDates(table);
    }
  }

  /** A process owner's edit of the due-dates table, deployed as the folders would. */
  private void deployDueDates(String dmn) {
    org.peerflow.deployment.FolderDeployments.deploy(
        processEngine.getRepositoryService(),
        Map.of(
            "accommodation-due-dates.dmn", dmn.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "due-dates-edit");
  }

  @Test
  void documentationForAnUnknownCaseIsRefusedAndChangesNothing() {
    ProcessInstance request = walk.toAfterMeeting("yes");
    ProcessInstance review = walk.requestDocumentation(request);

    Assertions.assertThatThrownBy(() -> runtimeService
            .createMessageCorrelation("MedicalDocumentationReceived")
            .processInstanceBusinessKey("RA-2026-NOPE00")
            .setVariable("medicalDocumentation", "letter")
            .correlate())
        .isInstanceOf(MismatchingMessageCorrelationException.class)
        .hasMessageContaining("MedicalDocumentationReceived");
    Rest.Response rest = new Rest(port)
        .postJson(
            "harper",
            "/engine-rest/message",
            Map.of("messageName", "MedicalDocumentationReceived", "businessKey", "RA-2026-NOPE00"));
    Assertions.assertThat(rest.status()).isEqualTo(400);
    Assertions.assertThat(rest.body()).contains("MedicalDocumentationReceived");
    assertThat(review).isWaitingAt("Gateway_AwaitDocumentation");
    Assertions.assertThat(runtimeService.getVariables(review.getId()))
        .doesNotContainKey("medicalDocumentation");
  }

  // ------------------------------------------------------------------ confidentiality

  @Test
  void supervisorNeverSeesMedicalDocumentation() {
    ProcessInstance request = walk.toAfterMeeting("yes");
    ProcessInstance review = walk.requestDocumentation(request);
    walk.documentationReceived(request);
    walk.reviewDocumentation(review, "sufficient");
    walk.exploreOptions(request, false);
    ProcessInstance approval = walk.approval(request);
    Rest rest = new Rest(port);

    String[] ids = {request.getId(), review.getId(), approval.getId()};
    EveryReadPath.assertNoneReveals(rest, "sam", "ZX-MED-4471", ids);
    EveryReadPath.assertNoneReveals(rest, "sam", "LIMIT-9931", ids);
    EveryReadPath.assertNoneReveals(rest, "pat", "ZX-MED-4471", ids);
    // the supervisor's own task: its form variables hold the name, the proposal and who approves,
    // nothing else
    Task supervisorTask = task("Task_ApproveAccommodation", approval);
    JsonNode formVariables = rest.get(
            "sam", "/engine-rest/task/" + supervisorTask.getId() + "/form-variables")
        .json();
    List<String> names = new ArrayList<>();
    formVariables.fieldNames().forEachRemaining(names::add);
    Assertions.assertThat(names)
        .containsExactlyInAnyOrder("employeeName", "proposedAccommodation", "supervisorId");
    Assertions.assertThat(taskService.getVariables(supervisorTask.getId()).keySet())
        .containsExactlyInAnyOrder("employeeName", "proposedAccommodation", "supervisorId");
    Assertions.assertThat(rest.get(
                "harper",
                "/engine-rest/history/variable-instance?processInstanceId=" + review.getId())
            .body())
        .as("hr reads the documentation")
        .contains("ZX-MED-4471");
  }

  @Test
  void noSupervisorFormMentionsDiagnosisLimitationsOrMedicalDocumentation() throws Exception {
    Pattern forbidden = Pattern.compile(
        "(?i)diagnos|limitation|medical|documentation|disabilit|condition|impairment|symptom");
    List<String> supervisorForms = new ArrayList<>();
    for (String key : List.of(
        "accommodation-request",
        "accommodation-supervisor-approval",
        "accommodation-implementation")) {
      BpmnModelInstance model = model(key);
      for (UserTask userTask : model.getModelElementsByType(UserTask.class)) {
        boolean forTheSupervisor = "${supervisorId}".equals(userTask.getCamundaAssignee())
            || userTask.getCamundaCandidateGroups() != null
                && userTask.getCamundaCandidateGroups().contains("supervisors");
        if (forTheSupervisor) {
          supervisorForms.add(userTask.getCamundaFormRef());
        }
      }
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        if (start.getCamundaFormRef() != null) {
          supervisorForms.add(
              start.getCamundaFormRef()); // supervisors start referrals with this form
        }
      }
    }
    Assertions.assertThat(supervisorForms)
        .contains(
            "accommodation-supervisor-approval",
            "accommodation-implement",
            "accommodation-request-start");
    for (String form : supervisorForms) {
      String words =
          wordsOf(new ObjectMapper().readTree(Path.of("forms", form + ".form").toFile()));
      Assertions.assertThat(
              forbidden.matcher(words).results().map(m -> m.group()).toList())
          .as(form)
          .isEmpty();
    }
  }

  @Test
  void noAccommodationFormHasADiagnosisField() throws Exception {
    File[] forms = new File("forms").listFiles((dir, name) -> name.startsWith("accommodation-"));
    Assertions.assertThat(forms).hasSizeGreaterThanOrEqualTo(15);
    for (File form : forms) {
      for (JsonNode component : new ObjectMapper().readTree(form).get("components")) {
        if (component.has("key")) {
          Assertions.assertThat(
                  component.get("key").asText() + " " + component.path("label").asText())
              .as(form.getName())
              .doesNotContainIgnoringCase("diagnos");
        }
      }
    }
  }

  // ------------------------------------------------------------------ decisions

  @Test
  void anApprovedAccommodationIsPutInPlaceAndFollowedUpAfterTenBusinessDays() throws Exception {
    ProcessInstance request = walk.toSupervisorApproval();
    walk.supervisorAnswers(request, "approve", "sam");

    assertThat(request)
        .hasPassed("Task_RecordSupervisorApproval", "EndEvent_NoReconsiderationOffered")
        .hasNotPassed("Task_Decide");
    Assertions.assertThat(
            Mailbox.body(single(mailTo(request), "Decision on your accommodation request")))
        .contains("We approve your accommodation request")
        .contains("Start at 10:00 on Tuesdays and Thursdays")
        .contains("Decided by: Sam Serrano (your supervisor)");
    ProcessInstance implementation = walk.child(request, "accommodation-implementation");
    assertThat(task("Task_ImplementAccommodation", implementation))
        .as("the employee's supervisor")
        .isAssignedTo("sam");
    Assertions.assertThat(runtimeService.getVariables(implementation.getId()).keySet())
        .containsExactlyInAnyOrder(
            "employeeName", "accommodationToImplement", "implementationNote", "supervisorId");
    ClockUtil.setCurrentTime(at(3)); // in place on Thursday
    walk.implement(request);

    assertThat(request).isWaitingAt("Event_FollowUpDue");
    Job followUp = managementService
        .createJobQuery()
        .processInstanceId(request.getId())
        .timers()
        .singleResult();
    Assertions.assertThat(followUp.getDuedate())
        .isEqualTo(at(17)); // 10 business days: Thursday 19 March
    ClockUtil.setCurrentTime(at(17));
    managementService.executeJob(followUp.getId());
    assertThat(request).isWaitingAt("Task_FollowUp");
    complete(
        task(request),
        withVariables("accommodationEffective", "yes", "followUpNotes", "Works well"));
    assertThat(request).isEnded().hasPassed("EndEvent_AccommodationInPlace");
  }

  @Test
  void anIneffectiveAccommodationGoesBackToTheInteractiveMeeting() {
    ProcessInstance request = walk.toSupervisorApproval();
    walk.supervisorAnswers(request, "approve", "sam");
    walk.implement(request);
    managementService.executeJob(managementService
        .createJobQuery()
        .processInstanceId(request.getId())
        .timers()
        .singleResult()
        .getId());
    ClockUtil.setCurrentTime(at(14));
    complete(
        task("Task_FollowUp", request),
        withVariables("accommodationEffective", "no", "followUpNotes", "Still late on Mondays"));

    assertThat(request)
        .isWaitingAt("Task_ScheduleMeeting")
        .variables()
        .containsEntry("decisionDue", at(35));
    walk.schedule(request, "none");
    assertThat(request).isWaitingAt("Task_RecordJobFunctions");
  }

  @Test
  void anEffectiveAlternativeIsExplainedInTheDecisionLetter() throws Exception {
    ProcessInstance request = walk.toDecision();
    walk.decide(request, "alternative");

    String letter = Mailbox.body(single(mailTo(request), "Decision on your accommodation request"));
    Assertions.assertThat(letter)
        .contains("not exactly the one you asked for")
        .contains("Start at 9:00 every day")
        .contains("The 10:00 start leaves intake uncovered")
        .contains("ask us to reconsider");
    Assertions.assertThat(runtimeService.getVariable(
            walk.child(request, "accommodation-implementation").getId(),
            "accommodationToImplement"))
        .isEqualTo("Start at 9:00 every day with a quiet room for the first hour");
  }

  @Test
  void anAlternativeIsPutInPlaceAndItsLetterOffersReconsiderationByADate() throws Exception {
    ProcessInstance request = walk.toDecision();
    walk.decide(request, "alternative"); // by hana, the HR lead

    String letter = Mailbox.body(single(mailTo(request), "Decision on your accommodation request"));
    Assertions.assertThat(letter)
        .contains("ask us to reconsider by Monday, March 16, 2026") // 10 business days
        .contains("Someone other than the person who made this decision")
        .contains("Equal Employment Opportunity");
    assertThat(request)
        .isWaitingAt("CallActivity_Implement", "Gateway_AwaitAlternativeReconsideration");
    Job window = managementService
        .createJobQuery()
        .processInstanceId(request.getId())
        .timers()
        .singleResult();
    Assertions.assertThat(window.getDuedate()).isEqualTo(at(14));
  }

  @Test
  void anAlternativeReconsideredBySomeoneElseCanBeChangedToWhatTheEmployeeAskedFor()
      throws Exception {
    ProcessInstance request = walk.toDecision();
    walk.decide(request, "alternative"); // by hana, the HR lead
    walk.implement(request);
    ClockUtil.setCurrentTime(at(2));
    runtimeService
        .createMessageCorrelation("AccommodationReconsiderationRequested")
        .processInstanceBusinessKey(request.getBusinessKey())
        .setVariable("reconsiderationReasons", "9:00 still clashes with therapy")
        .correlate();

    assertThat(request).isWaitingAt("Task_ReconsiderAlternative", "Event_FollowUpDue");
    Task reconsider = task("Task_ReconsiderAlternative", request);
    assertThat(reconsider).hasCandidateGroup("hr");
    Assertions.assertThat(reconsider.getAssignee()).isNull();
    Assertions.assertThat(reconsider.getDueDate())
        .isEqualTo(at(23)); // 15 business days from Wednesday
    Map<String, Object> change = withVariables(
        "reconsiderationOutcome",
        "change",
        "reconsideredAccommodation",
        "Start at 10:00 on Tuesdays and Thursdays",
        "reconsiderationDecisionReasons",
        "Sky can cover intake on those two mornings");
    Assertions.assertThatThrownBy(() -> walk.as("hana", () -> complete(reconsider, change)))
        .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class)
        .hasMessageContaining("Someone other than hana");
    walk.as("harper", () -> complete(reconsider, change));

    assertThat(request)
        .hasPassed("Task_SendReconsiderationDecision")
        .isWaitingAt("CallActivity_ImplementReconsidered", "Event_FollowUpDue")
        .variables()
        .containsEntry("approvedAccommodation", "Start at 10:00 on Tuesdays and Thursdays")
        .containsEntry("decidedBy", "harper");
    Assertions.assertThat(
            Mailbox.body(single(mailTo(request), "Reconsideration of your accommodation")))
        .contains("We are changing your accommodation")
        .contains("Start at 10:00 on Tuesdays and Thursdays")
        .contains("Sky can cover intake")
        .contains("Decided by: Harper Hughes (Human Resources, on reconsideration)");
    ProcessInstance changed = walk.child(request, "accommodation-implementation");
    Assertions.assertThat(runtimeService.getVariable(changed.getId(), "accommodationToImplement"))
        .isEqualTo("Start at 10:00 on Tuesdays and Thursdays");
    walk.implement(request);
    assertThat(request).hasPassed("EndEvent_ReconsideredInPlace").isWaitingAt("Event_FollowUpDue");
  }

  @Test
  void anAlternativeUpheldOnReconsiderationStaysInPlace() throws Exception {
    ProcessInstance request = walk.toDecision();
    walk.decide(request, "alternative");
    runtimeService
        .createMessageCorrelation("AccommodationReconsiderationRequested")
        .processInstanceBusinessKey(request.getBusinessKey())
        .correlate();
    walk.as(
        "harper",
        () -> complete(
            task("Task_ReconsiderAlternative", request),
            withVariables(
                "reconsiderationOutcome",
                "uphold",
                "reconsiderationDecisionReasons",
                "Nobody can cover intake before 9:00")));

    assertThat(request)
        .hasPassed("EndEvent_AlternativeUpheld")
        .isWaitingAt("CallActivity_Implement");
    Assertions.assertThat(
            Mailbox.body(single(mailTo(request), "Reconsideration of your accommodation")))
        .contains("We are keeping the accommodation we approved")
        .contains("Start at 9:00 every day")
        .doesNotContain("We are changing");
  }

  @Test
  void withoutAReconsiderationRequestTheAlternativeStands() {
    ProcessInstance request = walk.toDecision();
    walk.decide(request, "alternative");
    Job window = managementService
        .createJobQuery()
        .processInstanceId(request.getId())
        .timers()
        .singleResult();
    ClockUtil.setCurrentTime(at(14));
    managementService.executeJob(window.getId());

    assertThat(request)
        .hasPassed("EndEvent_AlternativeStands")
        .isWaitingAt("CallActivity_Implement");
    Assertions.assertThat(runtimeService
            .createEventSubscriptionQuery()
            .processInstanceId(request.getId())
            .eventName("AccommodationReconsiderationRequested")
            .count())
        .isZero();
  }

  @Test
  void anAlternativeDecidedOnReconsiderationOffersNoSecondRound() throws Exception {
    ProcessInstance request = walk.toDecision();
    walk.decide(request, "deny");
    runtimeService
        .createMessageCorrelation("AccommodationReconsiderationRequested")
        .processInstanceBusinessKey(request.getBusinessKey())
        .correlate();
    walk.as("harper", () -> walk.decide(request, "alternative"));

    assertThat(request)
        .hasPassed("EndEvent_NoReconsiderationOffered")
        .isWaitingAt("CallActivity_Implement");
    List<MimeMessage> decisions = mailTo(request).stream()
        .filter(m -> Mailbox.subject(m).startsWith("Decision"))
        .toList();
    Assertions.assertThat(Mailbox.body(decisions.get(decisions.size() - 1)))
        .contains("not exactly the one you asked for")
        .doesNotContain("ask us to reconsider by");
  }

  @Test
  void aDenialGivesSpecificReasonsAndAReconsiderationRouteWhichCanReverseIt() throws Exception {
    ProcessInstance request = walk.toDecision();
    walk.decide(request, "deny");

    assertThat(request).isWaitingAt("Gateway_AwaitReconsideration");
    String denial = Mailbox.body(single(mailTo(request), "Decision on your accommodation request"));
    Assertions.assertThat(denial)
        .contains("The accommodation would cause undue hardship.")
        .contains("cannot be covered after 8:00")
        .contains("reconsider this decision by Monday, March 16, 2026")
        .contains("Equal Employment Opportunity");
    Assertions.assertThat(runtimeService.getVariables(request.getId()))
        .containsKey("noticeAccommodationDenial");

    ClockUtil.setCurrentTime(at(2));
    runtimeService
        .createMessageCorrelation("AccommodationReconsiderationRequested")
        .processInstanceBusinessKey(request.getBusinessKey())
        .setVariable("reconsiderationReasons", "Sky offered to cover")
        .correlate();
    assertThat(request).isWaitingAt("Task_Decide").variables().containsEntry("reconsidered", true);
    Assertions.assertThat(task(request).getDueDate())
        .isEqualTo(at(23)); // 15 business days from Wednesday
    Assertions.assertThat(task(request).getAssignee())
        .as("a reconsideration is open to hr, not the HR lead who denied")
        .isNull();
    walk.as("harper", () -> walk.decide(request, "approve"));
    assertThat(request)
        .hasPassed("Task_SendDecision")
        .isWaitingAt("CallActivity_Implement")
        .variables()
        .containsEntry("decidedBy", "harper");
    List<MimeMessage> decisions = mailTo(request).stream()
        .filter(m -> Mailbox.subject(m).startsWith("Decision"))
        .toList();
    Assertions.assertThat(Mailbox.body(decisions.get(decisions.size() - 1)))
        .contains("Decided by: Harper Hughes (Human Resources, on reconsideration)");
  }

  @Test
  void aDenialUpheldOnReconsiderationEndsTheCaseWithoutAnotherRound() throws Exception {
    ProcessInstance request = walk.toDecision();
    walk.decide(request, "deny");
    runtimeService
        .createMessageCorrelation("AccommodationReconsiderationRequested")
        .processInstanceBusinessKey(request.getBusinessKey())
        .correlate();
    walk.as("harper", () -> walk.decide(request, "deny"));

    assertThat(request).isEnded().hasPassed("EndEvent_DeniedAfterReconsideration");
    List<MimeMessage> denials = mailTo(request).stream()
        .filter(m -> Mailbox.subject(m).startsWith("Decision"))
        .toList();
    Assertions.assertThat(denials).hasSize(2);
    Assertions.assertThat(Mailbox.body(denials.get(1)))
        .contains("after reconsidering it")
        .doesNotContain("reconsider this decision by");
  }

  @Test
  void withoutAReconsiderationRequestTheDenialStands() {
    ProcessInstance request = walk.toDecision();
    walk.decide(request, "deny");
    Job window = managementService
        .createJobQuery()
        .processInstanceId(request.getId())
        .timers()
        .singleResult();

    Assertions.assertThat(window.getDuedate()).isEqualTo(at(14)); // 10 business days
    ClockUtil.setCurrentTime(at(14));
    managementService.executeJob(window.getId());
    assertThat(request).isEnded().hasPassed("EndEvent_Denied");
  }

  @Test
  void anInterimAccommodationIsPutInPlaceWhileTheDecisionTakesTime() {
    ProcessInstance request = walk.toAfterMeeting("no-obvious");
    walk.exploreOptions(request, true);

    ProcessInstance interim = walk.child(request, "accommodation-implementation");
    assertThat(interim).isWaitingAt("Task_ImplementAccommodation");
    assertThat(task(interim)).isAssignedTo("sam");
    Assertions.assertThat(runtimeService.getVariable(interim.getId(), "accommodationToImplement"))
        .isEqualTo("Quiet room for paperwork until decided");
    Assertions.assertThat(
            (String) runtimeService.getVariable(interim.getId(), "implementationNote"))
        .contains("interim");
    walk.implement(request);
    assertThat(request)
        .isWaitingAt("CallActivity_SupervisorApproval")
        .variables()
        .containsEntry("interimImplementedOn", "2026-03-05");
  }

  // ------------------------------------------------------------------ supervisor approval

  @Test
  void theEmployeesSupervisorApprovesSeeingOnlyWhatChangesAtWork() {
    ProcessInstance request = runtimeService
        .createProcessInstanceByKey("accommodation-request")
        .setVariable("employeeName", "Alex Morgan")
        .setVariable("employeeEmail", AccommodationWalk.uniqueEmail())
        .setVariable("channel", "phone")
        .setVariable("supervisorId", "sam")
        .execute();
    walk.acknowledge(request);
    walk.schedule(request, "none");
    walk.meet(request, "no-obvious");
    walk.exploreOptions(request, false);

    ProcessInstance approval = walk.approval(request);
    Task approve = task("Task_ApproveAccommodation", approval);
    Assertions.assertThat(approve.getAssignee())
        .as("the case names sam as the employee's supervisor")
        .isEqualTo("sam");
    Assertions.assertThat(candidateGroups(approve))
        .as("offered to no group: no other supervisor sees it")
        .isEmpty();
    Assertions.assertThat(runtimeService.getVariables(approval.getId()).keySet())
        .containsExactlyInAnyOrder("employeeName", "proposedAccommodation", "supervisorId");
    Rest rest = new Rest(port);
    EveryReadPath.assertNoneReveals(rest, "sam", "LIMIT-9931", request.getId(), approval.getId());
    EveryReadPath.assertReadsNothingOf(rest, "sky", request.getId());
    EveryReadPath.assertReadsNothingOf(rest, "sky", approval.getId());
    Assertions.assertThat(
            rest.get("sam", "/engine-rest/task/" + approve.getId() + "/form-variables")
                .body())
        .as("sam reads what he approves")
        .contains("Start at 10:00");

    walk.supervisorAnswers(request, "approve", "sam");
    assertThat(request)
        .isWaitingAt("CallActivity_Implement")
        .variables()
        .containsEntry("accommodationDecision", "approve")
        .containsEntry("decidedBy", "sam")
        .containsEntry("approvedAccommodation", "Start at 10:00 on Tuesdays and Thursdays");
  }

  @ParameterizedTest(name = "supervisor answers {0}")
  @ValueSource(strings = {"alternative", "hardship"})
  void anAlternativeOrAHardshipClaimGoesToTheHrLeadWhoIsNamedInTheLetter(String answer)
      throws Exception {
    ProcessInstance request = walk.toSupervisorApproval();
    walk.supervisorAnswers(request, answer, "sam");

    assertThat(request)
        .isWaitingAt("Task_Decide")
        .hasNotPassed("Task_RecordSupervisorApproval")
        .variables()
        .containsEntry("supervisorAnswer", answer)
        .containsEntry("supervisorDecidedBy", "sam");
    Task decide = task("Task_Decide", request);
    Assertions.assertThat(decide.getAssignee())
        .as("the HR lead (peerflow.hr-lead)")
        .isEqualTo("hana");
    walk.decide(request, "deny");

    String denial = Mailbox.body(single(mailTo(request), "Decision on your accommodation request"));
    Assertions.assertThat(denial)
        .contains("Decided by: Hana Haddad (HR lead)")
        .contains("Someone other than the person");
  }

  @Test
  void theSamePersonCannotDecideTheReconsiderationOfTheirOwnDecision() {
    ProcessInstance request = walk.toDecision();
    walk.decide(request, "deny"); // by hana, the HR lead it is assigned to
    runtimeService
        .createMessageCorrelation("AccommodationReconsiderationRequested")
        .processInstanceBusinessKey(request.getBusinessKey())
        .correlate();
    Task reconsider = task("Task_Decide", request);

    // the engine wraps what a task listener throws; the sentence is kept
    Assertions.assertThatThrownBy(() -> walk.as("hana", () -> walk.decide(request, "deny")))
        .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class)
        .hasMessageContaining("Someone other than hana");
    assertThat(request).isWaitingAt("Task_Decide");
    Assertions.assertThat(
            taskService.createTaskQuery().taskId(reconsider.getId()).count())
        .isEqualTo(1);

    Rest.Response overRest = new Rest(port)
        .postJson(
            "hana",
            "/engine-rest/task/" + reconsider.getId() + "/complete",
            Map.of(
                "variables",
                Map.of(
                    "accommodationDecision",
                    Map.of("value", "deny"),
                    "denialGround",
                    Map.of("value", "Other reasons, explained below."),
                    "denialReasons",
                    Map.of("value", "Same"))));
    Assertions.assertThat(overRest.status()).as(overRest.body()).isNotEqualTo(204);
    Assertions.assertThat(overRest.body()).contains("Someone other than hana");
    walk.as("harper", () -> walk.decide(request, "deny"));
    assertThat(request).isEnded().hasPassed("EndEvent_DeniedAfterReconsideration");
  }

  // ------------------------------------------------------------------ due dates

  @Test
  void dueDatesComeFromTheDecisionTable() {
    for (String policy : List.of("default", "eeoc-internal", "anything-else")) {
      Map<String, Object> row = processEngine
          .getDecisionService()
          .evaluateDecisionTableByKey("accommodation-due-dates")
          .variables(Map.of("accommodationPolicy", policy))
          .evaluate()
          .getSingleResult()
          .getEntryMap();
      Assertions.assertThat(row)
          .as(policy)
          .containsEntry("acknowledgeDays", 5)
          .containsEntry("decisionDays", 15)
          .containsEntry("followUpDays", 10)
          .containsEntry("reconsiderationDays", 10)
          .containsEntry("documentationTimeoutDays", 15);
    }
    ProcessInstance request = runtimeService
        .createProcessInstanceByKey("accommodation-request")
        .setVariable("employeeName", "Alex")
        .setVariable("employeeEmail", AccommodationWalk.uniqueEmail())
        .setVariable("channel", "email")
        .setVariable("requestDate", "2026-02-27")
        .execute(); // the Friday before
    assertThat(request)
        .variables()
        .containsEntry("acknowledgeDue", at(4))
        .containsEntry("decisionDue", at(18));
  }

  // ------------------------------------------------------------------ withdrawal

  @ParameterizedTest(name = "withdrawn at {0}")
  @ValueSource(
      strings = {"acknowledgement", "meeting", "documentation", "supervisor-approval", "follow-up"})
  void withdrawalEndsTheCaseAtAnyPointWithARecordOfWhen(String stage) {
    ProcessInstance request = walk.request();
    ProcessInstance child = advanceTo(stage, request);

    ClockUtil.setCurrentTime(at(1));
    runtimeService
        .createMessageCorrelation("AccommodationRequestWithdrawn")
        .processInstanceBusinessKey(request.getBusinessKey())
        .correlateWithResult();

    assertThat(request).isEnded().hasPassed("EndEvent_Withdrawn");
    Assertions.assertThat(processEngine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(request.getId())
            .variableName("withdrawnAt")
            .singleResult()
            .getValue())
        .isEqualTo(at(1));
    if (child != null) {
      assertThat(child).isEnded();
    }
  }

  private ProcessInstance advanceTo(String stage, ProcessInstance request) {
    if (stage.equals("acknowledgement")) {
      return null;
    }
    walk.acknowledge(request);
    walk.schedule(request, "none");
    if (stage.equals("meeting")) {
      return null;
    }
    walk.meet(request, "yes");
    ProcessInstance review = walk.requestDocumentation(request);
    if (stage.equals("documentation")) {
      return review;
    }
    walk.documentationReceived(request);
    walk.reviewDocumentation(review, "sufficient");
    walk.exploreOptions(request, false);
    if (stage.equals("supervisor-approval")) {
      return walk.approval(request);
    }
    walk.supervisorAnswers(request, "approve", "sam");
    walk.implement(request);
    return null;
  }

  // ------------------------------------------------------------------ helpers

  /** {@code days} calendar days after Monday 2 March 2026, 09:00 New York. */
  static Date at(int days) {
    return Date.from(MONDAY.plusDays(days).toInstant());
  }

  /** Everything a form shows or stores: keys, labels, texts, descriptions, option labels. */
  private static String wordsOf(JsonNode form) {
    StringBuilder words = new StringBuilder();
    for (JsonNode component : form.get("components")) {
      for (String property : List.of("key", "label", "text", "description", "dateLabel")) {
        words.append(component.path(property).asText()).append('\n');
      }
      component
          .path("values")
          .forEach(value -> words.append(value.path("label").asText()).append('\n'));
    }
    return words.toString();
  }

  private BpmnModelInstance model(String key) {
    return Bpmn.readModelFromFile(new File("processes/" + key + ".bpmn"));
  }

  private List<String> candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId)
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /** Runs the queued e-mail jobs and returns what the employee's mailbox received. */
  private List<MimeMessage> mailTo(ProcessInstance request) {
    String address = (String) processEngine
        .getHistoryService()
        .createHistoricVariableInstanceQuery()
        .processInstanceId(request.getId())
        .variableName("employeeEmail")
        .singleResult()
        .getValue();
    return Mailbox.deliveredTo(processEngine, SMTP, address);
  }

  private static MimeMessage single(List<MimeMessage> mails, String subjectStart) {
    List<MimeMessage> matching = mails.stream()
        .filter(mail -> Mailbox.subject(mail).startsWith(subjectStart))
        .toList();
    Assertions.assertThat(matching).as("mails starting '" + subjectStart + "'").hasSize(1);
    return matching.get(0);
  }
}
