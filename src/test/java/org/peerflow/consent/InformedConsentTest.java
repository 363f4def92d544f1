package org.peerflow.consent;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import jakarta.mail.internet.MimeMessage;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
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

/** {@code informed-consent} and {@code informed-consent-court-path}, path by path, on the real diagrams. */
class InformedConsentTest extends IntegrationTestBase {

  /** Monday 2 March 2026, 09:00 in New York. */
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

  @Autowired
  HistoryService historyService;

  ConsentWalk walk;

  @BeforeEach
  void startOnAMonday() {
    ClockUtil.setCurrentTime(Date.from(MONDAY.toInstant()));
    walk = new ConsentWalk(processEngine);
  }

  @AfterEach
  void resetClockAndLogin() {
    ClockUtil.reset();
    processEngine.getIdentityService().clearAuthentication();
  }

  // ------------------------------------------------------------------ start

  @Test
  void theStartingClinicianIsThePrescriberAndAConsentIdIsGenerated() {
    processEngine.getIdentityService().setAuthentication("casey", List.of("clinicians"));
    ProcessInstance consent = runtimeService
        .createProcessInstanceByKey("informed-consent")
        .setVariable("clientName", "Robin Ames")
        .setVariable("proposedTreatment", "Sertraline 50 mg")
        .setVariable("treatmentKind", "standard")
        .setVariable("clientTeamEmail", "team-start@clinic.example")
        .execute();
    processEngine.getIdentityService().clearAuthentication();

    Assertions.assertThat(consent.getBusinessKey()).matches("IC-2026-[A-Z2-9]{6}");
    assertThat(consent)
        .isWaitingAt("Task_CheckDecisionMaker")
        .variables()
        .containsEntry("prescriber", "casey")
        .containsEntry("prescriberEmail", "casey@peerflow.example")
        .containsEntry("consentActive", false);
    assertThat(task(consent))
        .as("the prescriber and the treating team, not every clinician")
        .hasCandidateUser("casey");
    Assertions.assertThat(candidateGroups(task(consent))).isEmpty();
  }

  @Test
  void aProposalWithoutATeamAddressOrWithANonClinicianPrescriberIsRefused() {
    Assertions.assertThatThrownBy(() -> runtimeService
            .createProcessInstanceByKey("informed-consent")
            .setVariable("clientName", "Robin")
            .setVariable("proposedTreatment", "x")
            .setVariable("treatmentKind", "standard")
            .setVariable("prescriber", "casey")
            .execute())
        .isInstanceOf(BadUserRequestException.class)
        .hasMessage(
            "The start variable 'clientTeamEmail' (where notices to the client's team go) is missing.");
    Assertions.assertThatThrownBy(() -> runtimeService
            .createProcessInstanceByKey("informed-consent")
            .setVariable("clientName", "Robin")
            .setVariable("proposedTreatment", "x")
            .setVariable("treatmentKind", "standard")
            .setVariable("prescriber", "harper")
            .setVariable("clientTeamEmail", "team@clinic.example")
            .execute())
        .isInstanceOf(BadUserRequestException.class)
        .hasMessage("The prescriber 'harper' is not a member of the group 'clinicians'.");
  }

  // ------------------------------------------------------------------ capable adult

  @Test
  void aCapableAdultConsentsAndTheConsentIsDocumentedAndActive() {
    ProcessInstance consent = walk.propose("antipsychotic");
    walk.decisionMaker(consent, "capable-adult", false);
    assertThat(consent).isWaitingAt("Task_OfferPeerSupport");
    walk.offerPeer(consent, false);
    assertThat(consent).isWaitingAt("Task_Disclose");
    walk.disclose(consent);
    assertThat(consent).isWaitingAt("Task_AssessCapacity");
    walk.assessCapacity(consent, true, false);
    walk.decide(consent, "consent");

    assertThat(consent)
        .isWaitingAt("Task_DocumentConsent")
        .variables()
        .containsEntry("consentActive", true)
        .containsEntry("consentedTreatment", ConsentWalk.TREATMENT);
    walk.document(consent);
    assertThat(consent)
        .isWaitingAt("Task_MonitorTreatment")
        .hasNotPassed("Task_SupportSharedDecision");
    complete(task(consent), withVariables("treatmentStatus", "ended"));
    assertThat(consent).isEnded().hasPassed("EndEvent_TreatmentEnded");
  }

  @Test
  void refusalNeverCreatesAPunitiveTask() {
    ProcessInstance consent = walk.toDecision("antipsychotic");
    long tasksBefore = taskService.createTaskQuery().count();

    walk.decide(consent, "refuse");

    assertThat(consent)
        .isEnded()
        .hasPassed("EndEvent_DecisionRefused", "EndEvent_Refused")
        .hasNotPassed(
            "Task_DocumentConsent", "Task_RecordWithdrawal", "Task_PlanSafeDiscontinuation");
    Assertions.assertThat(taskService
            .createTaskQuery()
            .processInstanceBusinessKey(consent.getBusinessKey())
            .count())
        .isZero();
    Assertions.assertThat(taskService.createTaskQuery().count()).isEqualTo(tasksBefore - 1);
    Assertions.assertThat(historyService
            .createHistoricActivityInstanceQuery()
            .processInstanceId(consent.getId())
            .activityType("userTask")
            .list())
        .extracting(a -> a.getActivityId())
        .containsExactlyInAnyOrder(
            "Task_CheckDecisionMaker",
            "Task_OfferPeerSupport",
            "Task_Disclose",
            "Task_AssessCapacity",
            "Task_RecordDecision");
    Assertions.assertThat(historyVariable(consent, "consentOutcome")).isEqualTo("REFUSED");
    Assertions.assertThat(historyVariable(consent, "refusedAt"))
        .isEqualTo(Date.from(MONDAY.toInstant()));
    Assertions.assertThat(managementService
            .createJobQuery()
            .processInstanceId(consent.getId())
            .count())
        .isZero();
  }

  @Test
  void moreTimeRemindsAfterFiveBusinessDaysAndReturnsToTheDecision() {
    ProcessInstance consent = walk.toDecision("standard");
    walk.decide(consent, "more-time");

    assertThat(consent).isWaitingAt("Event_MoreTimeOver");
    Job reminder = managementService
        .createJobQuery()
        .processInstanceId(consent.getId())
        .timers()
        .singleResult();
    Assertions.assertThat(reminder.getDuedate())
        .isEqualTo(Date.from(MONDAY.plusDays(7).toInstant()));
    ClockUtil.setCurrentTime(reminder.getDuedate());
    managementService.executeJob(reminder.getId());

    assertThat(consent).isWaitingAt("Task_RecordDecision");
    walk.decide(consent, "consent");
    assertThat(consent).isWaitingAt("Task_DocumentConsent");
  }

  @Test
  void capacityInDoubtIsReassessedBeforeAnyDecision() {
    ProcessInstance consent = walk.propose("standard");
    walk.decisionMaker(consent, "capable-adult", false);
    walk.offerPeer(consent, false);
    walk.disclose(consent);
    walk.assessCapacity(consent, false, true);

    assertThat(consent).isWaitingAt("Task_AssessCapacity");
    walk.assessCapacity(consent, true, false);
    assertThat(consent).isWaitingAt("Task_RecordDecision");
  }

  // ------------------------------------------------------------------ peer support

  @ParameterizedTest(name = "peer support accepted: {0}")
  @ValueSource(booleans = {true, false})
  void aPeerTaskExistsOnlyWhenTheClientAcceptsAndNeverCarriesTheDisclosure(boolean accepted) {
    ProcessInstance consent = walk.propose("standard");
    walk.decisionMaker(consent, "capable-adult", false);
    walk.offerPeer(consent, accepted);

    if (accepted) {
      assertThat(consent).isWaitingAt("Task_Disclose", "Task_SupportSharedDecision");
      assertThat(task("Task_SupportSharedDecision", consent))
          .as("the peer the clinician chose with the client")
          .isAssignedTo("pat");
      assertThat(task("Task_Disclose", consent)).hasCandidateUser("casey");
      Assertions.assertThat(candidateGroups(task("Task_Disclose", consent))).isEmpty();
      walk.disclose(consent);
      assertThat(consent).isWaitingAt("Task_SupportSharedDecision");
      walk.supportAsPeer(consent);
    } else {
      assertThat(consent).isWaitingAt("Task_Disclose");
      walk.disclose(consent);
    }
    assertThat(consent).isWaitingAt("Task_AssessCapacity");
    Assertions.assertThat(historyService
            .createHistoricActivityInstanceQuery()
            .processInstanceId(consent.getId())
            .activityId("Task_SupportSharedDecision")
            .count())
        .isEqualTo(accepted ? 1 : 0);
  }

  // ------------------------------------------------------------------ disclosure

  @Test
  void consentRequiresEveryDisclosureElement() {
    for (String element : DisclosureCheck.ELEMENTS.keySet()) {
      ProcessInstance consent = walk.propose("standard");
      walk.decisionMaker(consent, "capable-adult", false);
      walk.offerPeer(consent, false);
      Task disclosure = task("Task_Disclose", consent);
      Map<String, Object> incomplete = ConsentWalk.fullDisclosure();
      incomplete.put(element, false);

      Assertions.assertThatThrownBy(() -> taskService.complete(disclosure.getId(), incomplete))
          .hasMessageContaining("The disclosure is incomplete")
          .hasMessageContaining(element);
      assertThat(consent).isWaitingAt("Task_Disclose");
      Assertions.assertThat(task("Task_Disclose", consent).getId()).isEqualTo(disclosure.getId());
      Assertions.assertThat(runtimeService.getVariable(consent.getId(), element))
          .isNull();
    }
  }

  @Test
  void aDisclosureWithAMissingElementIsRefusedOverRestAndChangesNothing() {
    ProcessInstance consent = walk.propose("standard");
    walk.decisionMaker(consent, "capable-adult", false);
    walk.offerPeer(consent, false);
    Task disclosure = task("Task_Disclose", consent);
    Rest rest = new Rest(port);

    Rest.Response response = rest.postJson(
        "casey",
        "/engine-rest/task/" + disclosure.getId() + "/submit-form",
        Map.of(
            "variables",
            Map.of(
                "disclosedCondition", Map.of("value", true, "type", "Boolean"),
                "disclosedTreatment", Map.of("value", true, "type", "Boolean"))));

    Assertions.assertThat(response.status()).isEqualTo(400);
    // refused by the form's required fields (org.peerflow.forms) or, for a form that lost them, by
    // DisclosureCheck
    Assertions.assertThat(response.body())
        .containsIgnoringCase("right to withdraw")
        .doesNotContain("\"code\":500");
    assertThat(consent).isWaitingAt("Task_Disclose");
    Assertions.assertThat(runtimeService.getVariable(consent.getId(), "disclosedCondition"))
        .isNull();
  }

  // ------------------------------------------------------------------ substitutes and the court

  @Test
  void anInvokedProxyDecidesAfterTheSameDisclosure() {
    ProcessInstance consent = walk.propose("antipsychotic");
    walk.decisionMaker(consent, "health-care-proxy", false);
    walk.offerPeer(consent, false);
    walk.disclose(consent);

    assertThat(consent)
        .isWaitingAt("Task_RecordDecision")
        .hasNotPassed("Task_AssessCapacity")
        .variables()
        .containsEntry("decisionRoute", "SUBSTITUTE");
    complete(
        task(consent),
        withVariables("consentDecision", "consent", "decidedBy", "agent", "clientObjects", false));
    assertThat(consent).isWaitingAt("Task_DocumentConsent");
  }

  @Test
  void aClientsObjectionEndsTheProxysAuthorityAndGoesToCourt() {
    ProcessInstance consent = walk.propose("antipsychotic");
    walk.decisionMaker(consent, "health-care-proxy", false);
    walk.offerPeer(consent, false);
    walk.disclose(consent);
    complete(
        task(consent),
        withVariables("consentDecision", "consent", "decidedBy", "agent", "clientObjects", true));

    assertThat(consent)
        .isWaitingAt("CallActivity_CourtPath")
        .hasPassed("EndEvent_ProxyOverridden")
        .hasNotPassed("Task_DocumentConsent")
        .variables()
        .containsEntry("consentActive", false);
    ProcessInstance court = walk.courtPath(consent);
    assertThat(court)
        .isWaitingAt("Task_FilePetition")
        .variables()
        .containsEntry("courtPathReason", "client-objects-to-proxy");
  }

  @Test
  void afterAnObjectionTheTeamMayDecideNotToPetitionAndTheTreatmentIsNotGiven() {
    ProcessInstance consent = walk.propose("antipsychotic");
    walk.decisionMaker(consent, "health-care-proxy", false);
    walk.offerPeer(consent, false);
    walk.disclose(consent);
    complete(
        task(consent),
        withVariables("consentDecision", "consent", "decidedBy", "agent", "clientObjects", true));
    ProcessInstance court = walk.courtPath(consent);

    complete(
        task("Task_FilePetition", court),
        withVariables(
            "petitionPursued",
            "not-pursuing",
            "notPursuingReason",
            "The client's objection is respected; we will offer an alternative"));
    assertThat(court)
        .isEnded()
        .hasPassed("EndEvent_PetitionNotPursued")
        .hasNotPassed("Task_RecordCourtDecision");
    Assertions.assertThat(
            managementService.createJobQuery().processInstanceId(court.getId()).count())
        .as("no hearing deadline for a petition never filed")
        .isZero();
    assertThat(consent)
        .isEnded()
        .hasPassed("EndEvent_CourtPathClosed")
        .variables()
        .containsEntry("courtOutcome", "NOT_PURSUED")
        .containsEntry("consentActive", false);
  }

  @Test
  void aPetitionFormWithoutTheChoiceIsRefused() {
    ProcessInstance consent = walk.propose("antipsychotic");
    walk.decisionMaker(consent, "guardian", false);
    ProcessInstance court = walk.courtPath(consent);

    // the choice to petition or not is required: the engine refuses a completion without it,
    // whatever the client
    Assertions.assertThatThrownBy(() -> complete(
            task("Task_FilePetition", court), withVariables("petitionKind", "guardianship")))
        .hasMessageContaining("petitionPursued");
    assertThat(court).isWaitingAt("Task_FilePetition");
  }

  @ParameterizedTest(name = "{0} for a {1} treatment -> {2}")
  @CsvSource({
    "guardian, standard, SUBSTITUTE",
    "minor-parent, extraordinary, SUBSTITUTE",
    "guardian, antipsychotic, COURT",
    "guardian, extraordinary, COURT"
  })
  void theDecisionMakerTableRoutesEachStatus(String status, String kind, String route) {
    ProcessInstance consent = walk.propose(kind);
    walk.decisionMaker(consent, status, false);

    Assertions.assertThat(historyVariable(consent, "decisionRoute")).isEqualTo(route);
    assertThat(consent)
        .isWaitingAt(route.equals("COURT") ? "CallActivity_CourtPath" : "Task_OfferPeerSupport");
  }

  @Test
  void antipsychoticWithoutCapacityNeedsCourtApprovedPlan() {
    // a guardian without a Rogers plan cannot consent to an antipsychotic
    ProcessInstance guarded = walk.propose("antipsychotic");
    walk.decisionMaker(guarded, "guardian", false);
    assertThat(guarded)
        .isWaitingAt("CallActivity_CourtPath")
        .hasPassed("EndEvent_CourtRequired")
        .hasNotPassed("Task_Disclose", "Task_RecordDecision", "Task_DocumentConsent");
    assertThat(walk.courtPath(guarded))
        .isWaitingAt("Task_FilePetition")
        .variables()
        .containsEntry("courtPathReason", "guardian-without-rogers-plan");

    // an adult who lacks capacity for this decision after reassessment goes to court too
    ProcessInstance adult = walk.propose("antipsychotic");
    walk.decisionMaker(adult, "capable-adult", false);
    walk.offerPeer(adult, false);
    walk.disclose(adult);
    walk.assessCapacity(adult, false, false);
    assertThat(adult)
        .isWaitingAt("CallActivity_CourtPath")
        .hasPassed("EndEvent_LacksCapacity")
        .hasNotPassed("Task_RecordDecision");
    ProcessInstance court = walk.courtPath(adult);
    assertThat(court).isWaitingAt("Task_FilePetition");
    assertThat(task(court)).hasCandidateUser("casey");

    // the treatment is authorized only by the court-approved plan
    complete(
        task(court),
        withVariables(
            "petitionPursued",
            "file",
            "petitionKind",
            "guardianship-rogers",
            "petitionDocuments",
            TasklistValues.checklist("mpc-120", "mpc-400", "mpc-800", "counsel"),
            "petitionFiledOn",
            "2026-03-02"));
    complete(
        task("Task_RecordCourtDecision", court),
        withVariables("courtDecision", "denied", "courtFindings", "Would refuse if competent"));
    assertThat(court).isEnded().hasPassed("EndEvent_NotAuthorized");
    assertThat(adult)
        .isEnded()
        .hasPassed("EndEvent_CourtPathClosed")
        .variables()
        .containsEntry("courtOutcome", "NOT_AUTHORIZED");
  }

  @Test
  void aHearingNotHeldWithinFourteenDaysIsFollowedUp() {
    ProcessInstance consent = walk.propose("antipsychotic");
    walk.decisionMaker(consent, "guardian", false);
    ProcessInstance court = walk.courtPath(consent);
    complete(
        task(court),
        withVariables(
            "petitionPursued",
            "file",
            "petitionKind",
            "rogers-existing-guardian",
            "petitionDocuments",
            TasklistValues.checklist("mpc-120"),
            "petitionFiledOn",
            "2026-03-02"));

    Job deadline = managementService
        .createJobQuery()
        .processInstanceId(court.getId())
        .timers()
        .singleResult();
    Assertions.assertThat(deadline.getDuedate())
        .isEqualTo(Date.from(MONDAY.plusDays(14).toInstant()));
    ClockUtil.setCurrentTime(deadline.getDuedate());
    managementService.executeJob(deadline.getId());

    assertThat(court).isWaitingAt("Task_RecordCourtDecision", "Task_FollowUpHearing");
  }

  @Test
  void theRogersPlanIsReviewedEveryYear() {
    ProcessInstance consent = walk.propose("antipsychotic");
    walk.decisionMaker(consent, "guardian", true);
    // a plan in force does not skip the peer offer and the disclosure: the client is still informed
    assertThat(consent).isWaitingAt("Task_OfferPeerSupport").hasNotPassed("CallActivity_CourtPath");
    walk.offerPeer(consent, false);
    walk.disclose(consent);
    assertThat(consent)
        .hasPassed("Task_Disclose", "EndEvent_CourtPlanInForce")
        .hasNotPassed("Task_AssessCapacity", "Task_RecordDecision")
        .isWaitingAt("CallActivity_CourtPath");
    ProcessInstance court = walk.courtPath(consent);

    assertThat(court).isWaitingAt("Task_RecordCourtPlan").hasNotPassed("Task_FilePetition");
    complete(
        task(court),
        withVariables(
            "planApprovedOn",
            "2026-01-15",
            "planMedications",
            "Olanzapine 0-10 mg daily, 12 months",
            "rogersMonitor",
            "J. Monitor"));
    assertThat(court).isWaitingAt("Task_MonitorPlan");

    Job annual = managementService
        .createJobQuery()
        .processInstanceId(court.getId())
        .timers()
        .singleResult();
    Date due = Date.from(
        ZonedDateTime.parse("2027-01-15T09:00:00-05:00[America/New_York]").toInstant());
    Assertions.assertThat(annual.getDuedate()).isEqualTo(due);
    ClockUtil.setCurrentTime(due);
    managementService.executeJob(annual.getId());

    assertThat(court).isWaitingAt("Task_AnnualReview");
    complete(
        task(court),
        withVariables(
            "annualReviewOutcome", "extended", "annualReviewNote", "Extended by the court"));
    assertThat(court).isWaitingAt("Task_MonitorPlan");
    Job next = managementService
        .createJobQuery()
        .processInstanceId(court.getId())
        .timers()
        .singleResult();
    Assertions.assertThat(next.getDuedate())
        .isEqualTo(Date.from(
            ZonedDateTime.parse("2028-01-15T09:00:00-05:00[America/New_York]").toInstant()));

    complete(task(court), withVariables("planEndReason", "capacity-regained"));
    assertThat(court).isEnded().hasPassed("EndEvent_PlanEnded");
    assertThat(consent).isEnded().variables().containsEntry("courtOutcome", "PLAN_ENDED");
  }

  // ------------------------------------------------------------------ review and re-consent

  @Test
  void theConsentIsReviewedPeriodically() {
    ProcessInstance consent = walk.consented();
    Job review = managementService
        .createJobQuery()
        .processInstanceId(consent.getId())
        .timers()
        .singleResult();
    Assertions.assertThat(review.getDuedate())
        .isEqualTo(Date.from(MONDAY.toInstant().plus(java.time.Duration.ofDays(90))));
    ClockUtil.setCurrentTime(review.getDuedate());
    managementService.executeJob(review.getId());

    assertThat(consent).isWaitingAt("Task_ReviewConsent");
    complete(
        task(consent), withVariables("treatmentStatus", "continue", "reviewNote", "Still agrees"));
    assertThat(consent)
        .isWaitingAt("Task_MonitorTreatment")
        .variables()
        .containsEntry("consentActive", true);
  }

  @Test
  void aMaterialChangeNeedsANewConsent() {
    ProcessInstance consent = walk.consented();
    walk.proposeChange(consent, "Olanzapine 10 mg nightly");

    assertThat(consent).isWaitingAt("Task_CheckDecisionMaker");
    walk.decisionMaker(consent, "capable-adult", false);
    walk.offerPeer(consent, true);
    walk.disclose(consent);
    walk.supportAsPeer(consent);
    walk.assessCapacity(consent, true, false);

    // refusing the change keeps the consent to the current treatment
    walk.decide(consent, "refuse");
    assertThat(consent)
        .isWaitingAt("Task_MonitorTreatment")
        .hasNotPassed("EndEvent_DecisionRefused")
        .variables()
        .containsEntry("consentActive", true)
        .containsEntry("consentedTreatment", ConsentWalk.TREATMENT);

    walk.proposeChange(consent, "Olanzapine 10 mg nightly");
    walk.capableAdultToDecision(consent);
    walk.decide(consent, "consent");
    walk.document(consent);
    assertThat(consent)
        .isWaitingAt("Task_MonitorTreatment")
        .variables()
        .containsEntry("consentedTreatment", "Olanzapine 10 mg nightly");
  }

  // ------------------------------------------------------------------ withdrawal

  @ParameterizedTest(name = "withdrawn {1} while at {0}")
  @CsvSource({
    "documentation, oral",
    "treatment, written",
    "review, oral",
    "re-consent, written",
    "more-time, oral"
  })
  void withdrawalInterruptsTreatmentAtAnyPoint(String stage, String channel) throws Exception {
    ProcessInstance consent = walk.consented();
    advanceAfterConsent(stage, consent);
    SMTP.purgeEmailFromAllMailboxes();
    ClockUtil.setCurrentTime(Date.from(MONDAY.plusDays(95).toInstant()));

    withdraw(consent, channel, "pat");

    assertThat(consent)
        .isWaitingAt("Task_PlanSafeDiscontinuation")
        .hasPassed("Task_RecordWithdrawal", "Task_NotifyTeam", "Task_NotifyPrescriber")
        .variables()
        .containsEntry("consentActive", false)
        .containsEntry("withdrawalChannel", channel)
        .containsEntry("receivedBy", "pat")
        .containsEntry("consentOutcome", "WITHDRAWN")
        .containsEntry("withdrawnAt", Date.from(MONDAY.plusDays(95).toInstant()));
    Task discontinuation = task(consent);
    Assertions.assertThat(discontinuation.getAssignee()).isEqualTo("casey");
    Assertions.assertThat(candidateGroups(discontinuation)).isEmpty();
    Assertions.assertThat(
            taskService.createTaskQuery().processInstanceId(consent.getId()).count())
        .isOne();
    Assertions.assertThat(managementService
            .createJobQuery()
            .processInstanceId(consent.getId())
            .timers()
            .count())
        .isZero();

    List<MimeMessage> mails = mailsAbout(consent);
    Assertions.assertThat(mails)
        .extracting(Mailbox::recipients)
        .contains("[" + ConsentWalk.teamEmail(consent) + "]", "[casey@peerflow.example]");
    Assertions.assertThat(mails)
        .allSatisfy(mail -> Assertions.assertThat(Mailbox.body(mail))
            .contains(channel)
            .contains("Received by: pat")
            .doesNotContain("Olanzapine")
            .doesNotContain("Robin"));

    complete(
        discontinuation,
        withVariables("discontinuationPlan", "Taper over two weeks", "sdmReoffered", true));
    assertThat(consent).isEnded().hasPassed("EndEvent_ConsentWithdrawn");
  }

  @ParameterizedTest(name = "withdrawn before consent, at {0}")
  @ValueSource(strings = {"decision-maker", "disclosure", "capacity", "decision", "more-time"})
  void aWithdrawalBeforeConsentEndsTheCaseAsARefusal(String stage) {
    ProcessInstance consent = walk.propose("antipsychotic");
    if (!stage.equals("decision-maker")) {
      walk.decisionMaker(consent, "capable-adult", false);
      walk.offerPeer(consent, true);
    }
    if (stage.equals("capacity") || stage.equals("decision") || stage.equals("more-time")) {
      walk.disclose(consent);
      walk.supportAsPeer(consent);
    }
    if (stage.equals("decision") || stage.equals("more-time")) {
      walk.assessCapacity(consent, true, false);
    }
    if (stage.equals("more-time")) {
      walk.decide(consent, "more-time");
    }

    withdraw(consent, "oral", "casey");

    assertThat(consent)
        .isEnded()
        .hasPassed("EndEvent_WithdrawnBeforeConsent")
        .hasNotPassed("Task_NotifyTeam", "Task_PlanSafeDiscontinuation");
    Assertions.assertThat(historyVariable(consent, "consentOutcome")).isEqualTo("REFUSED");
    Assertions.assertThat(
            taskService.createTaskQuery().processInstanceId(consent.getId()).count())
        .isZero();
  }

  @Test
  void aWithdrawalForAnUnknownConsentOrWithoutAChannelIsRefusedAndChangesNothing() {
    ProcessInstance consent = walk.consented();

    Assertions.assertThatThrownBy(() -> runtimeService
            .createMessageCorrelation("ConsentWithdrawn")
            .processInstanceBusinessKey("IC-UNKNOWN")
            .setVariable("withdrawalChannel", "oral")
            .setVariable("receivedBy", "casey")
            .correlate())
        .isInstanceOf(MismatchingMessageCorrelationException.class);
    Assertions.assertThatThrownBy(() -> withdraw(consent, "fax", "casey"))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("withdrawalChannel 'oral' or 'written'");
    Assertions.assertThatThrownBy(() -> withdraw(consent, "oral", " "))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("needs receivedBy");

    assertThat(consent)
        .isWaitingAt("Task_MonitorTreatment")
        .variables()
        .containsEntry("consentActive", true)
        .doesNotContainKeys("withdrawnAt", "withdrawalChannel");
    Rest.Response overRest = new Rest(port)
        .postJson(
            "casey",
            "/engine-rest/message",
            Map.of(
                "messageName",
                "ConsentWithdrawn",
                "businessKey",
                "IC-UNKNOWN",
                "processVariables",
                Map.of(
                    "withdrawalChannel",
                    Map.of("value", "oral"),
                    "receivedBy",
                    Map.of("value", "casey"))));
    Assertions.assertThat(overRest.status()).isEqualTo(400);
  }

  @Test
  void theTreatingTeamRecordsAWithdrawalOverRestAndHrCannot() {
    ProcessInstance consent = walk.consented();
    Rest rest = new Rest(port);
    Map<String, Object> message = Map.of(
        "messageName",
        "ConsentWithdrawn",
        "businessKey",
        consent.getBusinessKey(),
        "processVariables",
        Map.of(
            "withdrawalChannel", Map.of("value", "written"), "receivedBy", Map.of("value", "pat")));

    // peerflow.messengers = clinicians,peer-specialists: the treating team may record it; hr may
    // not
    Assertions.assertThat(
            rest.postJson("harper", "/engine-rest/message", message).status())
        .isIn(400, 403);
    assertThat(consent).isWaitingAt("Task_MonitorTreatment");
    Rest.Response response = rest.postJson("pat", "/engine-rest/message", message);

    Assertions.assertThat(response.status()).as(response.body()).isEqualTo(204);
    assertThat(consent)
        .isWaitingAt("Task_PlanSafeDiscontinuation")
        .variables()
        .containsEntry("withdrawalChannel", "written")
        .containsEntry("receivedBy", "pat");
  }

  @Test
  void theCourtPathIsNotEndedByAConsentWithdrawal() {
    ProcessInstance consent = walk.propose("antipsychotic");
    walk.decisionMaker(consent, "guardian", false);

    Assertions.assertThatThrownBy(() -> withdraw(consent, "oral", "casey"))
        .isInstanceOf(MismatchingMessageCorrelationException.class);
    assertThat(walk.courtPath(consent)).isWaitingAt("Task_FilePetition");
  }

  // ------------------------------------------------------------------ access

  @Test
  void hrCannotReadAConsentRecord() {
    ProcessInstance consent = walk.propose("antipsychotic");
    walk.decisionMaker(consent, "capable-adult", false);
    walk.offerPeer(consent, true);
    walk.disclose(consent);
    walk.supportAsPeer(consent);
    walk.assessCapacity(consent, true, false);
    walk.decide(consent, "consent");
    ProcessInstance court = walk.courtPath(walkToCourt());
    Rest rest = new Rest(port);

    EveryReadPath.assertNoneReveals(rest, "harper", "Olanzapine", consent.getId(), court.getId());
    EveryReadPath.assertNoneReveals(rest, "harper", "Robin Ames", consent.getId(), court.getId());
    EveryReadPath.assertNoneReveals(rest, "sam", "Olanzapine", consent.getId(), court.getId());
    Assertions.assertThat(taskService
            .createTaskQuery()
            .taskCandidateUser("harper")
            .processDefinitionKeyIn("informed-consent", "informed-consent-court-path")
            .count())
        .isZero();
    Assertions.assertThat(
            rest.get("harper", "/engine-rest/task").json().findValuesAsText("processDefinitionId"))
        .noneMatch(definition -> definition.startsWith("informed-consent"));
    Assertions.assertThat(rest.get(
                "harper",
                "/engine-rest/history/process-instance?processInstanceBusinessKey="
                    + consent.getBusinessKey())
            .json())
        .isEmpty();
    Assertions.assertThat(rest.get(
                "casey",
                "/engine-rest/history/variable-instance?processInstanceId=" + consent.getId())
            .body())
        .as("the treating clinician reads the record")
        .contains("Olanzapine")
        .contains("Sleep better");
    Assertions.assertThat(rest.get(
                "pat",
                "/engine-rest/history/variable-instance?processInstanceId=" + consent.getId())
            .body())
        .as("the supporting peer reads the record")
        .contains("Sleep better");
    EveryReadPath.assertNoneReveals(rest, "pia", "Olanzapine", consent.getId(), court.getId());
    EveryReadPath.assertNoneReveals(rest, "pia", "Robin Ames", consent.getId(), court.getId());
  }

  @Test
  void everyTaskInEitherDiagramGoesToThePeopleTheConsentNames() {
    for (String key : List.of("informed-consent", "informed-consent-court-path")) {
      ProcessDefinition definition = processEngine
          .getRepositoryService()
          .createProcessDefinitionQuery()
          .processDefinitionKey(key)
          .latestVersion()
          .singleResult();
      BpmnModelInstance model =
          processEngine.getRepositoryService().getBpmnModelInstance(definition.getId());
      // to the people the consent names (prescriber, treating team, supporting peer), never to a
      // group
      Assertions.assertThat(model.getModelElementsByType(UserTask.class))
          .isNotEmpty()
          .allSatisfy(task -> {
            Assertions.assertThat(task.getCamundaCandidateGroups())
                .as(task.getId())
                .isNull();
            Assertions.assertThat(
                    task.getCamundaCandidateUsers() == null
                        ? task.getCamundaAssignee()
                        : task.getCamundaCandidateUsers())
                .as(task.getId())
                .isIn(
                    "${people.ids(execution, 'prescriber,treatingTeam')}",
                    "${execution.getVariable('supportingPeer')}");
          });
    }
  }

  // ------------------------------------------------------------------ helpers

  private ProcessInstance walkToCourt() {
    ProcessInstance consent = walk.propose("antipsychotic");
    walk.decisionMaker(consent, "guardian", false);
    return consent;
  }

  private void advanceAfterConsent(String stage, ProcessInstance consent) {
    switch (stage) {
      case "documentation" -> {
        // the consent is given but not yet documented: go back to the state right after the
        // decision
        walk.proposeChange(consent, "Olanzapine 10 mg");
        walk.capableAdultToDecision(consent);
        walk.decide(consent, "consent");
        assertThat(consent).isWaitingAt("Task_DocumentConsent");
      }
      case "treatment" -> assertThat(consent).isWaitingAt("Task_MonitorTreatment");
      case "review" -> {
        Job review = managementService
            .createJobQuery()
            .processInstanceId(consent.getId())
            .timers()
            .singleResult();
        ClockUtil.setCurrentTime(review.getDuedate());
        managementService.executeJob(review.getId());
        assertThat(consent).isWaitingAt("Task_ReviewConsent");
      }
      case "re-consent" -> {
        walk.proposeChange(consent, "Olanzapine 10 mg");
        walk.decisionMaker(consent, "capable-adult", false);
        walk.offerPeer(consent, true);
        assertThat(consent).isWaitingAt("Task_Disclose", "Task_SupportSharedDecision");
      }
      case "more-time" -> {
        walk.proposeChange(consent, "Olanzapine 10 mg");
        walk.capableAdultToDecision(consent);
        walk.decide(consent, "more-time");
        assertThat(consent).isWaitingAt("Event_MoreTimeOver");
      }
      default -> throw new IllegalArgumentException(stage);
    }
  }

  private void withdraw(ProcessInstance consent, String channel, String receivedBy) {
    runtimeService
        .createMessageCorrelation("ConsentWithdrawn")
        .processInstanceBusinessKey(consent.getBusinessKey())
        .setVariable("withdrawalChannel", channel)
        .setVariable("receivedBy", receivedBy)
        .correlate();
  }

  private Object historyVariable(ProcessInstance consent, String name) {
    return historyService
        .createHistoricVariableInstanceQuery()
        .processInstanceId(consent.getId())
        .variableName(name)
        .singleResult()
        .getValue();
  }

  private List<String> candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId)
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /** Runs the queued e-mail jobs and returns the e-mails about this consent. */
  private List<MimeMessage> mailsAbout(ProcessInstance consent) {
    Mailbox.runMailJobs(processEngine);
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(mail -> Mailbox.subject(mail).contains(consent.getBusinessKey()))
        .toList();
  }
}
