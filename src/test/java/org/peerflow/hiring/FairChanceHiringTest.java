package org.peerflow.hiring;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import jakarta.mail.internet.MimeMessage;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerflow.EveryReadPath;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Mailbox;
import org.peerflow.Rest;
import org.peerflow.TasklistValues;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code peer-position} and {@code fair-chance-hiring}, path by path, on the real diagrams. */
class FairChanceHiringTest extends IntegrationTestBase {

  /** Monday 2 March 2026, 09:00 in New York: no holiday within the windows below. */
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

  HiringWalk walk;

  @BeforeEach
  void startOnAMonday() throws Exception {
    ClockUtil.setCurrentTime(Date.from(MONDAY.toInstant()));
    SMTP.purgeEmailFromAllMailboxes();
    walk = new HiringWalk(processEngine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // ------------------------------------------------------------------ positions and applications

  @Test
  void aPositionIsDefinedWithHrAndConfirmedBySupervisorBeforeItIsPosted() {
    ProcessInstance position = walk.proposePosition("US-MA");

    assertThat(position).isWaitingAt("Task_DefineRole");
    assertThat(task(position)).hasCandidateGroup("hr");
    complete(
        task(position),
        withVariables(
            "keyFunctions",
            TasklistValues.checklist("navigator"),
            "primaryQualifications",
            TasklistValues.checklist("lived-experience"),
            "classification",
            "PS I",
            "payGrade",
            "PS-1",
            "jobRelatedOffenses",
            "none",
            "offenseJustification",
            "n/a",
            "hiringManager",
            "sky",
            "interviewPeer",
            "pat"));
    assertThat(task(position)).hasDefinitionKey("Task_ConfirmRole").isAssignedTo("sky");
    complete(
        task(position),
        withVariables("roleConfirmation", "changes", "supervisorRoleNotes", "Add housing"));
    assertThat(position).isWaitingAt("Task_DefineRole");
  }

  @Test
  void anApplicationForAPositionNotYetPostedOrClosedIsRefused() {
    ProcessInstance draft = walk.defineAndConfirm(walk.proposePosition("US-MA"));
    Assertions.assertThatThrownBy(() -> walk.apply(draft.getBusinessKey()))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("is not posted yet");

    String open = walk.openPosition("US-MA");
    ProcessInstance position = runtimeService
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(open)
        .processDefinitionKey("peer-position")
        .singleResult();
    complete(task("Task_ClosePosition", position), withVariables("closingReason", "filled"));

    Assertions.assertThatThrownBy(() -> walk.apply(open))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("is closed to applications");
  }

  @Test
  void aPositionOnHoldIsNotClosedItPausesNewApplicationsUntilHrReopensIt() {
    String open = walk.openPosition("US-MA");
    ProcessInstance position = runtimeService
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(open)
        .processDefinitionKey("peer-position")
        .singleResult();
    ProcessInstance inProgress = walk.apply(open);
    complete(task("Task_ClosePosition", position), withVariables("closingReason", "on-hold"));

    assertThat(position).isNotEnded().isWaitingAt("Task_ResumePosition");
    assertThat(task(position)).hasCandidateGroup("hr");
    Assertions.assertThatThrownBy(() -> walk.apply(open))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("is on hold");
    assertThat(inProgress).isNotEnded();

    complete(task("Task_ResumePosition", position), withVariables("holdDecision", "resume"));
    assertThat(position).isWaitingAt("Task_ClosePosition");
    Assertions.assertThat(walk.apply(open).getBusinessKey()).isNotBlank();
    complete(task("Task_ClosePosition", position), withVariables("closingReason", "on-hold"));
    complete(task("Task_ResumePosition", position), withVariables("holdDecision", "close"));
    assertThat(position).isEnded().hasPassed("EndEvent_ClosedAfterHold");
  }

  @Test
  void anApplicationForAnUnknownPositionIsRefusedAndStartsNothing() {
    long before = runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey("fair-chance-hiring")
        .count();

    Assertions.assertThatThrownBy(() -> walk.apply("POS-NOPE"))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessage("There is no position 'POS-NOPE'.");
    Assertions.assertThat(runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey("fair-chance-hiring")
            .count())
        .isEqualTo(before);
  }

  @Test
  void theApplicantPortalGetsHttp400AndTheReasonForAnUnknownPosition() {
    Rest.Response response = new Rest(port)
        .postJson(
            "harper",
            "/engine-rest/process-definition/key/fair-chance-hiring/start",
            java.util.Map.of(
                "variables",
                java.util.Map.of(
                    "positionId",
                    java.util.Map.of("value", "POS-NOPE"),
                    "applicantName",
                    java.util.Map.of("value", "Jordan"),
                    "applicantEmail",
                    java.util.Map.of("value", "jordan@applicant.example"))));

    Assertions.assertThat(response.status()).as(response.body()).isEqualTo(400);
    Assertions.assertThat(response.json().get("message").asText())
        .contains("There is no position 'POS-NOPE'.");
  }

  @Test
  void anApplicationWithoutAnEmailAddressIsRefused() {
    String position = walk.openPosition("US-MA");

    Assertions.assertThatThrownBy(() -> runtimeService
            .createProcessInstanceByKey("fair-chance-hiring")
            .setVariable("positionId", position)
            .setVariable("applicantName", "Jordan")
            .execute())
        .isInstanceOf(BadUserRequestException.class)
        .hasMessage(
            "The start variable 'applicantEmail' (where notices to the applicant go) is missing.");
  }

  @Test
  void aPositionInAnUnknownJurisdictionIsRefused() {
    Assertions.assertThatThrownBy(() -> walk.proposePosition("US-XX"))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("Unknown jurisdiction 'US-XX'");
  }

  @Test
  void theApplicationCarriesOnlyThePositionsTitleAndJurisdiction() {
    ProcessInstance application = walk.apply(walk.openPosition("US-CA"));

    assertThat(application)
        .hasVariables("positionTitle", "jurisdiction")
        .variables()
        .doesNotContainKeys("jobRelatedOffenses", "offenseJustification", "checkRequiredByLaw");
  }

  // ------------------------------------------------------------------ before the offer

  @Test
  void theInterviewPanelIsASupervisorAndAPeerSpecialistWithBusinessDayDueDates() {
    ProcessInstance application = walk.apply(walk.openPosition("US-MA"));
    walk.screen(application, "yes");

    Task supervisor = task("Task_InterviewSupervisor", application);
    Task peer = task("Task_InterviewPeer", application);
    // the people the position names, not every supervisor or peer specialist
    assertThat(supervisor).isAssignedTo("sam");
    assertThat(peer).isAssignedTo("pat");
    Assertions.assertThat(taskService.getIdentityLinksForTask(supervisor.getId()))
        .noneMatch(link -> link.getGroupId() != null);
    // five business days from Monday 2 March 09:00
    Assertions.assertThat(peer.getDueDate())
        .isEqualTo(Date.from(MONDAY.plusDays(7).toInstant()));
  }

  @Test
  void anApplicationRequestingAnAccommodationGoesToHrFirst() {
    ProcessInstance application = walk.apply(walk.openPosition("US-MA"), true);

    assertThat(application).isWaitingAt("Task_ArrangeApplicationAccommodation");
    assertThat(task(application)).hasCandidateGroup("hr");
  }

  @Test
  void nothingBeforeTheOfferAsksWhetherTheApplicantWasAClient() {
    ProcessInstance application = walk.apply(walk.openPosition("US-MA"));
    walk.screen(application, "yes");
    walk.interview(application);

    // straight from the panel to the selection: no client-index lookup, no dual-relationship step
    assertThat(application).isWaitingAt("Task_SelectCandidate");
    walk.select(application, "selected");
    assertThat(application).isWaitingAt("Task_MakeConditionalOffer");
    Assertions.assertThat(runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey("fair-chance-former-client")
            .processInstanceBusinessKey(application.getBusinessKey())
            .count())
        .isZero();
  }

  @Test
  void aFormerClientMayAgreeADualRelationshipPlanAfterTheHireInAnHrOnlyInstance() {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.offerAndAuthorize(application);
    complete(task(review), withVariables("checkResult", "no-record", "reportSource", "iCORI"));

    ProcessInstance plan = walk.dualRelationshipPlan(application);
    assertThat(application)
        .isWaitingAt(
            "Task_OnboardHr", "Task_OnboardSupervisor", "CallActivity_DualRelationshipPlan");
    assertThat(plan).isWaitingAt("Task_AskAboutServices");
    assertThat(task(plan)).hasCandidateGroup("hr");
    Assertions.assertThat(runtimeService.getVariables(plan.getId()).keySet())
        .containsExactly("applicantName");
    walk.planDualRelationships(application, "yes");

    assertThat(plan).isEnded().hasPassed("Task_AgreePlan", "EndEvent_PlanAgreed");
    Rest rest = new Rest(port);
    EveryReadPath.assertNoneReveals(
        rest, "sam", "Knows two clients of the housing team", plan.getId(), application.getId());
    Assertions.assertThat(rest.get(
                "harper",
                "/engine-rest/history/variable-instance?processInstanceId=" + plan.getId())
            .body())
        .as("hr reads the plan")
        .contains("Knows two clients of the housing team");
    assertThat(application)
        .variables()
        .doesNotContainKeys("formerClient", "dualRelationshipPlan", "existingRelationships");
  }

  @Test
  void aNewHireMayDeclineToSayAndNothingFollows() {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.offerAndAuthorize(application);
    complete(task(review), withVariables("checkResult", "no-record", "reportSource", "iCORI"));
    ProcessInstance plan = walk.dualRelationshipPlan(application);

    walk.planDualRelationships(application, "declined");
    assertThat(plan).isEnded().hasPassed("EndEvent_NoPlanNeeded").hasNotPassed("Task_AgreePlan");
  }

  @ParameterizedTest(name = "screening {0}, selection {1}")
  @CsvSource({"no,", "yes,not-selected"})
  void anApplicantNotTakenForwardGetsALetterAndTheCaseEnds(String screening, String selection)
      throws Exception {
    ProcessInstance application = walk.apply(walk.openPosition("US-MA"));
    walk.screen(application, screening);
    if (selection != null) {
      walk.interview(application);
      walk.select(application, selection);
    }

    assertThat(application)
        .isEnded()
        .hasPassed("Task_SendNotSelectedLetter")
        .hasNotPassed("Task_MakeConditionalOffer");
    Assertions.assertThat(mailTo(application)).singleElement().satisfies(mail -> {
      Assertions.assertThat(mail.getSubject())
          .isEqualTo("Your application for Peer Specialist - Housing Navigator");
      // the referrals reach everyone screened out too, without a word that assumes a record
      Assertions.assertThat(Mailbox.body(mail))
          .contains("GED and adult education")
          .contains("free legal aid")
          .doesNotContainIgnoringCase("your record")
          .doesNotContainIgnoringCase("conviction");
    });
  }

  @Test
  void newYorkCityVerifiesOtherChecksBeforeTheOffer() {
    ProcessInstance application = walk.apply(walk.openPosition("US-NYC"));
    walk.screen(application, "yes");
    walk.interview(application);
    walk.select(application, "selected");

    assertThat(application).isWaitingAt("Task_VerifyReferences");
  }

  @ParameterizedTest
  @ValueSource(strings = {"US-DEFAULT", "US-MA", "US-CA", "US-CA-LA"})
  void elsewhereTheOfferFollowsTheSelection(String jurisdiction) {
    ProcessInstance application = walk.toOffer(jurisdiction);

    assertThat(application)
        .isWaitingAt("Task_MakeConditionalOffer")
        .hasNotPassed("Task_VerifyReferences");
  }

  // ------------------------------------------------------------------ after the offer: every
  // outcome

  @Test
  void noRecordLeadsToHireAndOnboarding() throws Exception {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.offerAndAuthorize(application);
    Assertions.assertThat(mailTo(application))
        .singleElement()
        .satisfies(mail -> Assertions.assertThat(mail.getSubject())
            .isEqualTo("Conditional offer: Peer Specialist - Housing Navigator"));

    assertThat(review).isWaitingAt("Task_RecordCheckResult");
    assertThat(task(review)).hasCandidateGroup("hr");
    complete(task(review), withVariables("checkResult", "no-record", "reportSource", "iCORI"));

    assertThat(review).isEnded().hasPassed("EndEvent_NoRecord");
    assertThat(application)
        .isWaitingAt("Task_OnboardHr", "Task_OnboardSupervisor")
        .variables()
        .containsEntry("recordReviewOutcome", "HIRE")
        .doesNotContainKeys("checkResult", "reportSource");
    complete(
        task("Task_OnboardHr", application),
        withVariables("hrOnboardingDone", TasklistValues.checklist("personnel-policies")));
    complete(
        task("Task_OnboardSupervisor", application),
        withVariables("supervisorOnboardingDone", TasklistValues.checklist("peer-training")));
    walk.planDualRelationships(application, "no");
    assertThat(application).isEnded().hasPassed("EndEvent_Hired");
    Assertions.assertThat(mailTo(application))
        .extracting(MimeMessage::getSubject)
        .contains("Welcome: your position as Peer Specialist - Housing Navigator is confirmed");
  }

  @Test
  void anApplicantWhoDeclinesToAuthorizeTheCheckGetsALetterAndNoReportIsRequested()
      throws Exception {
    ProcessInstance application = walk.toOffer("US-MA");
    complete(
        task("Task_MakeConditionalOffer", application),
        withVariables("offerSalary", "$24/hour", "offerStartDate", "2026-04-06"));
    complete(
        task("Task_RecordCheckAuthorization", application),
        withVariables("standaloneDisclosureGiven", true, "authorizationDecision", "declined"));

    assertThat(application)
        .isWaitingAt("Gateway_AwaitChangeOfMind")
        .hasPassed("Task_SendAuthorizationDeclined")
        .hasNotPassed("CallActivity_RecordReview");
    Assertions.assertThat(runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey("fair-chance-record-review")
            .processInstanceBusinessKey(application.getBusinessKey())
            .count())
        .isZero();
    MimeMessage letter = mailTo(application).stream()
        .filter(mail -> Mailbox.subject(mail)
            .equals("Your conditional offer: Peer Specialist - Housing Navigator"))
        .findFirst()
        .orElseThrow();
    Assertions.assertThat(Mailbox.body(letter))
        .contains("you chose not to authorize it")
        .contains("we have not requested")
        .contains("tell Human Resources by any")
        .contains("by Monday, March 16, 2026"); // 10 business days

    Job window = managementService
        .createJobQuery()
        .processInstanceId(application.getId())
        .timers()
        .singleResult();
    Assertions.assertThat(window.getDuedate())
        .isEqualTo(Date.from(MONDAY.plusDays(14).toInstant()));
    ClockUtil.setCurrentTime(window.getDuedate());
    managementService.executeJob(window.getId());
    assertThat(application)
        .isEnded()
        .hasPassed("EndEvent_AuthorizationDeclined")
        .hasNotPassed("CallActivity_RecordReview");
  }

  @Test
  void anApplicantWhoDeclinedMayStillAuthorizeTheCheckAndTheApplicationGoesOn() {
    ProcessInstance application = walk.toOffer("US-MA");
    complete(
        task("Task_MakeConditionalOffer", application),
        withVariables("offerSalary", "$24/hour", "offerStartDate", "2026-04-06"));
    complete(
        task("Task_RecordCheckAuthorization", application),
        withVariables("standaloneDisclosureGiven", true, "authorizationDecision", "declined"));

    runtimeService
        .createMessageCorrelation("CheckAuthorizedAfterAll")
        .processInstanceBusinessKey(application.getBusinessKey())
        .correlate();
    assertThat(application).isWaitingAt("Task_RecordCheckAuthorization");
    assertThat(task(application)).hasCandidateGroup("hr");
    Assertions.assertThat(managementService
            .createJobQuery()
            .processInstanceId(application.getId())
            .timers()
            .count())
        .as("the window closed with the change of mind")
        .isZero();
    complete(
        task("Task_RecordCheckAuthorization", application),
        withVariables(
            "standaloneDisclosureGiven",
            true,
            "authorizationDecision",
            "authorized",
            "checkAuthorizationSigned",
            true,
            "checkAuthorizationDate",
            "2026-03-05"));
    assertThat(application).isWaitingAt("CallActivity_RecordReview");
  }

  @Test
  void theAuthorizationStepRequiresTheApplicantsAnswer() {
    ProcessInstance application = walk.toOffer("US-MA");
    complete(
        task("Task_MakeConditionalOffer", application),
        withVariables("offerSalary", "$24/hour", "offerStartDate", "2026-04-06"));

    Assertions.assertThatThrownBy(() -> complete(
            task("Task_RecordCheckAuthorization", application),
            withVariables("standaloneDisclosureGiven", true)))
        .hasMessageContaining("authorizationDecision");
    assertThat(application).isWaitingAt("Task_RecordCheckAuthorization");
  }

  @Test
  void aRecordFullySetAsideLeadsToHire() {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.offerAndAuthorize(application);
    walk.recordFound(review);
    walk.recordsRemain(review, "no");

    assertThat(review)
        .isEnded()
        .hasPassed("EndEvent_AllExcluded")
        .hasNotPassed("Task_AssessIndividually");
    assertThat(application).isWaitingAt("Task_OnboardHr", "Task_OnboardSupervisor");
  }

  @Test
  void aFavourableAssessmentLeadsToHireWithoutANotice() throws Exception {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.offerAndAuthorize(application);
    walk.recordFound(review);
    walk.recordsRemain(review, "yes");
    walk.assess(review, "favourable");

    assertThat(review)
        .isEnded()
        .hasPassed("EndEvent_AssessmentFavourable")
        .hasNotPassed("Task_SendPreliminaryNotice");
    assertThat(application).isWaitingAt("Task_OnboardHr", "Task_OnboardSupervisor");
  }

  @Test
  void aPreliminaryNoticeNamesTheRecordsTheDeadlineAndTheReferrals() throws Exception {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.toResponseWait(application);

    assertThat(review).isWaitingAt("Gateway_AwaitResponse");
    MimeMessage notice = mailTo(application).stream()
        .filter(mail -> Mailbox.subject(mail).startsWith("Before we decide"))
        .findFirst()
        .orElseThrow();
    String body = Mailbox.body(notice);
    Assertions.assertThat(body)
        .contains("2012 theft, misdemeanor")
        .contains("Acme Screening LLC")
        .contains("Monday, March 9, 2026")
        .contains("record sealing and expungement help")
        .contains("free legal aid")
        .contains("GED and adult education");
    FileValue copy = runtimeService.getVariableTyped(review.getId(), "noticePreliminary");
    Assertions.assertThat(new String(copy.getValue().readAllBytes()))
        .contains("2012 theft, misdemeanor");
  }

  @Test
  void aResponseInTimeCanLeadToHire() {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.toResponseWait(application);

    runtimeService
        .createMessageCorrelation("ApplicantResponseReceived")
        .processInstanceBusinessKey(application.getBusinessKey())
        .setVariable(
            "applicantResponse", "GED 2015, six years clean work history, references attached")
        .setVariable("disputesAccuracy", false)
        .correlate();
    assertThat(review).isWaitingAt("Task_Reassess");
    walk.reassess(review, "hire");

    assertThat(review).isEnded().hasPassed("EndEvent_HireAfterResponse");
    assertThat(application).isWaitingAt("Task_OnboardHr", "Task_OnboardSupervisor");
  }

  @Test
  void aResponseInTimeCanStillEndInAFinalNoticeWithTheApplicantsRights() throws Exception {
    ProcessInstance application = walk.toOffer("US-CA");
    ProcessInstance review = walk.toResponseWait(application);

    runtimeService
        .createMessageCorrelation("ApplicantResponseReceived")
        .processInstanceBusinessKey(application.getBusinessKey())
        .setVariable("applicantResponse", "The 2012 record is not mine")
        .setVariable("disputesAccuracy", true)
        .correlate();
    // a dispute pauses the decision until it is resolved
    assertThat(review).isWaitingAt("Task_ResolveDispute").hasNotPassed("Task_Reassess");
    assertThat(task(review)).hasCandidateGroup("hr");
    complete(
        task(review),
        withVariables(
            "disputeOutcome",
            "confirmed",
            "disputeResolvedOn",
            "2026-03-20",
            "disputeNotes",
            "The agency reinvestigated and confirmed the 2012 record"));
    assertThat(review).isWaitingAt("Task_Reassess");
    walk.reassess(review, "final-adverse");

    // the final notice offers reconsideration, so the case waits for a request for 10 business days
    assertThat(review)
        .hasPassed("Task_SendFinalNotice")
        .isWaitingAt("Gateway_AwaitFinalReconsideration");
    walk.reconsiderationWindowEnds(review);
    assertThat(review).isEnded().hasPassed("EndEvent_FinalAdverse");
    assertThat(application)
        .isEnded()
        .hasPassed("EndEvent_NotHired")
        .hasNotPassed("Task_SendHireConfirmation");
    String finalNotice = Mailbox.body(mailTo(application).stream()
        .filter(mail -> Mailbox.subject(mail).startsWith("Our decision"))
        .findFirst()
        .orElseThrow());
    Assertions.assertThat(finalNotice)
        .contains("ask us to reconsider, by Monday, March 16, 2026")
        .contains("Someone other than the person")
        .contains("did not make this decision")
        .contains("free copy of your report within 60 days")
        .contains("dispute the accuracy")
        .contains("file a complaint")
        .contains("your response");
  }

  @Test
  void aReconsiderationAfterTheFinalNoticeIsDecidedBySomeoneElse() throws Exception {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.toResponseWait(application);
    runtimeService
        .createMessageCorrelation("ApplicantResponseReceived")
        .processInstanceBusinessKey(application.getBusinessKey())
        .setVariable("applicantResponse", "References attached")
        .correlate();
    walk.reassess(review, "final-adverse"); // harper decides

    runtimeService
        .createMessageCorrelation("ApplicantReconsiderationRequested")
        .processInstanceBusinessKey(application.getBusinessKey())
        .setVariable(
            "applicantResponse", "The 2012 case was sealed last year; the court letter is attached")
        .correlate();
    assertThat(review)
        .isWaitingAt("Task_Reassess")
        .variables()
        .containsEntry("reconsidered", true)
        .containsEntry("decidedBy", "harper");
    Assertions.assertThatThrownBy(() -> walk.reassessAs("harper", review, "final-adverse"))
        .hasMessageContaining("Someone other than harper");
    assertThat(review).isWaitingAt("Task_Reassess");

    walk.reassessAs("hana", review, "final-adverse");
    assertThat(review)
        .isEnded()
        .hasPassed("EndEvent_FinalAdverseAfterReconsideration")
        .hasNotPassed("EndEvent_FinalAdverse");
    assertThat(application).isEnded().hasPassed("EndEvent_NotHired");
    List<MimeMessage> decisions = mailTo(application).stream()
        .filter(mail -> Mailbox.subject(mail).startsWith("Our decision"))
        .toList();
    Assertions.assertThat(decisions).hasSize(2);
    Assertions.assertThat(Mailbox.body(decisions.get(1)))
        .contains("your request to reconsider")
        .doesNotContain("ask us to reconsider");
  }

  @Test
  void aReconsiderationCanLeadToTheHire() {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.toResponseWait(application);
    runtimeService
        .createMessageCorrelation("ApplicantResponseReceived")
        .processInstanceBusinessKey(application.getBusinessKey())
        .setVariable("applicantResponse", "References attached")
        .correlate();
    walk.reassess(review, "final-adverse");
    runtimeService
        .createMessageCorrelation("ApplicantReconsiderationRequested")
        .processInstanceBusinessKey(application.getBusinessKey())
        .correlate();

    walk.reassessAs("hana", review, "hire");
    assertThat(review).isEnded().hasPassed("EndEvent_HireAfterResponse");
    assertThat(application).isWaitingAt("Task_OnboardHr", "Task_OnboardSupervisor");
  }

  @Test
  void withoutAResponseTheWindowEndsAndTheCaseIsReassessed() throws Exception {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.toResponseWait(application);
    Job timer = managementService
        .createJobQuery()
        .processInstanceId(review.getId())
        .timers()
        .singleResult();

    // 5 business days from Monday 2 March: Monday 9 March, same time
    Assertions.assertThat(timer.getDuedate())
        .isEqualTo(Date.from(MONDAY.plusDays(7).toInstant()));
    ClockUtil.setCurrentTime(Date.from(MONDAY.plusDays(7).plusMinutes(1).toInstant()));
    managementService.executeJob(timer.getId());

    assertThat(review).isWaitingAt("Task_Reassess").hasPassed("Event_ResponseWindowEnded");
    walk.reassess(review, "final-adverse");
    walk.reconsiderationWindowEnds(review);
    assertThat(application).isEnded().hasPassed("EndEvent_NotHired");
    Assertions.assertThat(Mailbox.body(mailTo(application).stream()
            .filter(mail -> Mailbox.subject(mail).startsWith("Our decision"))
            .findFirst()
            .orElseThrow()))
        .contains("we received no response by the deadline");
  }

  @ParameterizedTest(name = "{0}: {1} business days, delivery {2}")
  @CsvSource({
    "US-DEFAULT, 7,  email", // 5 business days: Monday 9 March
    "US-MA,      7,  email",
    "US-NYC,     7,  email",
    "US-CA,      9,  email"
  }) // 5 days after receipt, e-mail received 2 business days after sending: Wednesday 11 March
  void responseWindowCountsBusinessDaysPerJurisdiction(
      String jurisdiction, int calendarDays, String delivery) {
    ProcessInstance review = walk.toResponseWait(walk.toOffer(jurisdiction));

    Job timer = managementService
        .createJobQuery()
        .processInstanceId(review.getId())
        .timers()
        .singleResult();
    Assertions.assertThat(timer.getDuedate())
        .isEqualTo(Date.from(MONDAY.plusDays(calendarDays).toInstant()));
    assertThat(review).variables().containsEntry("noticeDelivery", delivery);
  }

  @Test
  void inLosAngelesCountyHrMailsTheNoticesAndTheWindowCountsFromTheLettersArrival()
      throws Exception {
    ProcessInstance application = walk.toOffer("US-CA-LA");
    ProcessInstance review = walk.toResponseWait(application);

    assertThat(review)
        .isWaitingAt("Task_MailPreliminaryNotice")
        .variables()
        .containsEntry("noticeDelivery", "both");
    assertThat(task(review)).hasCandidateGroup("hr");
    Assertions.assertThat(managementService
            .createJobQuery()
            .processInstanceId(review.getId())
            .timers()
            .count())
        .as("the window does not start before the notice is mailed")
        .isZero();
    complete(
        task(review),
        withVariables(
            "mailingAddress",
            "12 Main St, Los Angeles, CA",
            "mailingMethod",
            "first-class",
            "mailedOn",
            "2026-03-03"));

    // mailed on Tuesday 3 March, counted as received 3 business days later (Friday 6 March),
    // then 5 business days: Friday 13 March, to the end of that day
    Job timer = managementService
        .createJobQuery()
        .processInstanceId(review.getId())
        .timers()
        .singleResult();
    Assertions.assertThat(timer.getDuedate()).isEqualTo(endOf(2026, 3, 13));
    assertThat(review)
        .variables()
        .containsEntry("mailedOn", "2026-03-03")
        .containsEntry("mailReceiptAllowanceDays", 3);

    runtimeService
        .createMessageCorrelation("ApplicantResponseReceived")
        .processInstanceBusinessKey(application.getBusinessKey())
        .setVariable("applicantResponse", "No further comment")
        .correlate();
    walk.reassess(review, "final-adverse");
    assertThat(review).isWaitingAt("Task_MailFinalNotice").hasPassed("Task_SendFinalNotice");
    complete(
        task(review),
        withVariables(
            "mailingAddress",
            "12 Main St, Los Angeles, CA",
            "mailingMethod",
            "certified",
            "mailedOn",
            "2026-03-12"));
    assertThat(review).isWaitingAt("Gateway_AwaitFinalReconsideration");
    // mailed Thursday 12 March: 3 business days to arrive and 10 to ask, Tuesday 31 March
    Assertions.assertThat(managementService
            .createJobQuery()
            .processInstanceId(review.getId())
            .activityId("Event_FinalReconsiderationWindowEnded")
            .singleResult()
            .getDuedate())
        .isEqualTo(endOf(2026, 3, 31));
    walk.reconsiderationWindowEnds(review);
    assertThat(review).isEnded().hasPassed("EndEvent_FinalAdverse");
  }

  @Test
  void theMailAllowanceComesFromTheJurisdictionTableAndAProcessOwnerCanChangeIt() {
    // Los Angeles County counts its 5 business days from the mailing: an owner who keeps only that
    // minimum sets 0
    deployRecordRules(readRecordRules()
        .replace(
            "<outputEntry id=\"OutputEntry_LA_4\"><text>3</text>",
            "<outputEntry id=\"OutputEntry_LA_4\"><text>0</text>"));
    try {
      ProcessInstance review = walk.toResponseWait(walk.toOffer("US-CA-LA"));
      complete(
          task("Task_MailPreliminaryNotice", review),
          withVariables(
              "mailingAddress",
              "12 Main St, Los Angeles, CA",
              "mailingMethod",
              "first-class",
              "mailedOn",
              "2026-03-03"));

      Assertions.assertThat(managementService
              .createJobQuery()
              .processInstanceId(review.getId())
              .timers()
              .singleResult()
              .getDuedate())
          .as("5 business days from the mailing on Tuesday 3 March")
          .isEqualTo(endOf(2026, 3, 10));
    } finally {
      deployRecordRules(readRecordRules());
    }
  }

  @Test
  void theDisputeAndReconsiderationPeriodsComeFromTheJurisdictionTable() {
    deployRecordRules(readRecordRules()
        .replace(
            "<outputEntry id=\"OutputEntry_MA_5\"><text>22</text>",
            "<outputEntry id=\"OutputEntry_MA_5\"><text>10</text>")
        .replace(
            "<outputEntry id=\"OutputEntry_MA_6\"><text>10</text>",
            "<outputEntry id=\"OutputEntry_MA_6\"><text>15</text>"));
    try {
      ProcessInstance application = walk.toOffer("US-MA");
      ProcessInstance review = walk.toResponseWait(application);
      runtimeService
          .createMessageCorrelation("ApplicantResponseReceived")
          .processInstanceBusinessKey(application.getBusinessKey())
          .setVariable("applicantResponse", "Not mine")
          .setVariable("disputesAccuracy", true)
          .correlate();
      Assertions.assertThat(task("Task_ResolveDispute", review).getDueDate())
          .as("10 business days from Monday 2 March")
          .isEqualTo(Date.from(MONDAY.plusDays(14).toInstant()));
      complete(
          task("Task_ResolveDispute", review),
          withVariables(
              "disputeOutcome",
              "corrected",
              "disputeResolvedOn",
              "2026-03-06",
              "disputeNotes",
              "Agency corrected it"));
      walk.reassess(review, "final-adverse");

      Assertions.assertThat(managementService
              .createJobQuery()
              .processInstanceId(review.getId())
              .activityId("Event_FinalReconsiderationWindowEnded")
              .singleResult()
              .getDuedate())
          .as("15 business days from Monday 2 March")
          .isEqualTo(Date.from(MONDAY.plusDays(21).toInstant()));
    } finally {
      deployRecordRules(readRecordRules());
    }
  }

  private static String readRecordRules() {
    try {
      return java.nio.file.Files.readString(
          java.nio.file.Path.of("processes/hiring-record-rules.dmn"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A process owner's edit of the jurisdiction table, deployed as the folders would. */
  private void deployRecordRules(String dmn) {
    org.peerflow.deployment.FolderDeployments.deploy(
        processEngine.getRepositoryService(),
        java.util.Map.of(
            "hiring-record-rules.dmn", dmn.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "record-rules-edit");
  }

  private static Date endOf(int year, int month, int day) {
    return Date.from(java.time.ZonedDateTime.of(year, month, day, 23, 59, 59, 0, MONDAY.getZone())
        .toInstant());
  }

  @Test
  void aResponseWithoutADisputeGoesStraightToTheReassessment() {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.toResponseWait(application);

    runtimeService
        .createMessageCorrelation("ApplicantResponseReceived")
        .processInstanceBusinessKey(application.getBusinessKey())
        .setVariable("applicantResponse", "References attached")
        .correlate();
    assertThat(review)
        .isWaitingAt("Task_Reassess")
        .hasNotPassed("Task_ResolveDispute")
        .variables()
        .containsEntry("disputesAccuracy", false);
  }

  @Test
  void responseWindowCountsBusinessDaysForCalifornia() {
    ProcessInstance review = walk.toResponseWait(walk.toOffer("US-CA"));

    assertThat(review)
        .variables()
        .containsEntry("responseWindowDays", 5)
        .containsEntry("receiptAllowanceDays", 2);
    Job timer = managementService
        .createJobQuery()
        .processInstanceId(review.getId())
        .timers()
        .singleResult();
    Assertions.assertThat(timer.getDuedate())
        .isEqualTo(Date.from(MONDAY.plusDays(9).toInstant()));
  }

  @Test
  void referralsNeverBlockTheDecision() {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.toResponseWait(application);
    ProcessInstance referrals = runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey("fair-chance-referrals")
        .processInstanceBusinessKey(application.getBusinessKey())
        .singleResult();

    assertThat(referrals)
        .isWaitingAt("Task_ReferRecordSealing", "Task_ReferLegalAid", "Task_ReferEducation");
    Assertions.assertThat(
            taskService.createTaskQuery().processInstanceId(referrals.getId()).list())
        .allSatisfy(referral -> assertThat(referral).hasCandidateGroup("hr"));
    runtimeService
        .createMessageCorrelation("ApplicantResponseReceived")
        .processInstanceBusinessKey(application.getBusinessKey())
        .setVariable("applicantResponse", "see attached")
        .correlate();
    walk.reassess(review, "hire");

    assertThat(application).isWaitingAt("Task_OnboardHr", "Task_OnboardSupervisor");
    assertThat(referrals)
        .isWaitingAt("Task_ReferRecordSealing", "Task_ReferLegalAid", "Task_ReferEducation");
    complete(
        task("Task_ReferRecordSealing", referrals),
        withVariables("record_sealing_offer", "accepted"));
    Assertions.assertThat(processEngine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceIdIn(review.getId(), application.getId())
            .variableName("record_sealing_offer")
            .count())
        .isZero();
  }

  @Test
  void hrRecordsTheApplicantsResponseOverRestAndASupervisorCannot() {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.toResponseWait(application);
    java.util.Map<String, Object> message = java.util.Map.of(
        "messageName",
        "ApplicantResponseReceived",
        "businessKey",
        application.getBusinessKey(),
        "processVariables",
        java.util.Map.of("applicantResponse", java.util.Map.of("value", "Not mine")));

    Rest.Response bySupervisor = new Rest(port).postJson("sam", "/engine-rest/message", message);
    Assertions.assertThat(bySupervisor.status()).as(bySupervisor.body()).isIn(400, 403);
    assertThat(review).isWaitingAt("Gateway_AwaitResponse");

    Rest.Response byHr = new Rest(port).postJson("harper", "/engine-rest/message", message);
    Assertions.assertThat(byHr.status()).as(byHr.body()).isEqualTo(204);
    assertThat(review)
        .isWaitingAt("Task_Reassess")
        .variables()
        .containsEntry("applicantResponse", "Not mine");
  }

  @Test
  void aResponseForAnUnknownApplicationIsRefusedAndChangesNothing() {
    ProcessInstance review = walk.toResponseWait(walk.toOffer("US-MA"));

    Assertions.assertThatThrownBy(() -> runtimeService
            .createMessageCorrelation("ApplicantResponseReceived")
            .processInstanceBusinessKey("APP-UNKNOWN")
            .setVariable("applicantResponse", "hello")
            .correlate())
        .isInstanceOf(MismatchingMessageCorrelationException.class);
    assertThat(review).isWaitingAt("Gateway_AwaitResponse");
  }

  // ------------------------------------------------------------------ confidentiality

  @Test
  void supervisorCannotReadTheAssessmentThroughAnyRestPath() {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.toResponseWait(application);
    Rest rest = new Rest(port);

    EveryReadPath.assertNoneReveals(rest, "sam", "2012 theft", application.getId(), review.getId());
    EveryReadPath.assertNoneReveals(
        rest, "sam", "Weighs against handling funds", application.getId(), review.getId());
    EveryReadPath.assertNoneReveals(rest, "pat", "2012 theft", application.getId(), review.getId());
    Assertions.assertThat(rest.get(
                "sam",
                "/engine-rest/history/variable-instance?processInstanceId=" + application.getId())
            .body())
        .as("sam, the hiring manager the position names, reads the application's history")
        .contains("supervisorInterviewNotes");
    Assertions.assertThat(
            rest.get("harper", "/engine-rest/process-instance/" + review.getId() + "/variables")
                .body())
        .as("hr reads the assessment")
        .contains("Weighs against handling funds")
        .contains("2012 theft");
  }

  // ------------------------------------------------------------------ withdrawal

  @ParameterizedTest(name = "withdrawn at {0}")
  @ValueSource(
      strings = {"screening", "interview", "selection", "offer", "check-result", "awaiting-response"
      })
  void withdrawalEndsTheApplicationAtEveryStageWithARecordOfWhen(String stage) {
    ProcessInstance application = walk.apply(walk.openPosition("US-MA"));
    ProcessInstance review = advanceTo(stage, application);

    ClockUtil.setCurrentTime(Date.from(MONDAY.plusHours(3).toInstant()));
    runtimeService
        .createMessageCorrelation("ApplicationWithdrawn")
        .processInstanceBusinessKey(application.getBusinessKey())
        .correlateWithResult();

    assertThat(application).isEnded().hasPassed("EndEvent_Withdrawn");
    Assertions.assertThat(processEngine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(application.getId())
            .variableName("withdrawnAt")
            .singleResult()
            .getValue())
        .isEqualTo(Date.from(MONDAY.plusHours(3).toInstant()));
    if (review != null) {
      assertThat(review).isEnded();
    }
  }

  private ProcessInstance advanceTo(String stage, ProcessInstance application) {
    if (stage.equals("screening")) {
      return null;
    }
    walk.screen(application, "yes");
    if (stage.equals("interview")) {
      return null;
    }
    walk.interview(application);
    if (stage.equals("selection")) {
      return null;
    }
    walk.select(application, "selected");
    if (stage.equals("offer")) {
      return null;
    }
    return stage.equals("check-result")
        ? walk.offerAndAuthorize(application)
        : walk.toResponseWait(application);
  }

  // ------------------------------------------------------------------ helpers

  /** Runs the queued e-mail jobs and returns what the applicant's mailbox received. */
  private List<MimeMessage> mailTo(ProcessInstance application) {
    return Mailbox.deliveredTo(
        processEngine, SMTP, application.getBusinessKey().toLowerCase() + "@applicant.example");
  }

  static List<String> candidateGroups(TaskService taskService, Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId)
        .filter(java.util.Objects::nonNull)
        .toList();
  }
}
