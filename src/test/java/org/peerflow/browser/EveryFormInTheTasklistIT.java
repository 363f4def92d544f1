package org.peerflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.support.ui.FluentWait;
import org.peerflow.IntegrationTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every Camunda Form of {@code forms/}, submitted by the demo user of its candidate group in the
 * real Tasklist in headless Chromium: start forms from <em>Start process</em>, task forms opened,
 * claimed, filled and completed — no REST or Java shortcut for any work a person does. Only what
 * comes from outside (an applicant's answer, documents, a withdrawal) arrives as a message, and
 * time moves for the timers. The paths are chosen so that each form is submitted at least once
 * and every case reaches its end; the list of forms to cover is read from {@code processes/} and
 * {@code forms/}, so a new form without a browser path fails this test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryFormInTheTasklistIT extends IntegrationTestBase {

  /** The demo user who works for each candidate group. */
  static final Map<String, String> WORKER = Map.of(
      "hr", "harper", "supervisors", "sam", "peer-specialists", "pat", "clinicians", "casey");

  static final Path SCREENSHOTS = Chromium.SCREENSHOTS.resolve("every-form");
  static final Path VALUE_TYPES = Path.of("src/test/resources/tasklist/value-types.json");

  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  TaskService taskService;

  @Autowired
  HistoryService historyService;

  @Autowired
  ManagementService managementService;

  @Autowired
  IdentityService identityService;

  /** Clinicians added for one walk; they are not demo users, so their first screens are not checked. */
  private static final List<String> WALK_CLINICIANS = List.of("cole", "cora");

  @Value("${peerflow.calendar.zone}")
  ZoneId zone;

  private final FormCatalog catalog = new FormCatalog(Path.of("forms"), Path.of("processes"));
  private final Map<String, TasklistUser> sessions = new LinkedHashMap<>();
  private final Set<String> submitted = new TreeSet<>();
  /**
   * form-js component type → the engine's type of the values the Tasklist sent for it, read after
   * each task form (a start listener may convert a start form's values, e.g. a date)
   */
  private final Map<String, Set<String>> valueTypes = new TreeMap<>();

  private final Map<String, String> firstScreens = new TreeMap<>();
  private int step;
  private String positionId;

  @AfterAll
  void closeBrowsers() {
    sessions.values().forEach(TasklistUser::close);
    ClockUtil.reset();
  }

  @Test
  @Order(1)
  void harperProposesDefinesAndPublishesAPositionThatSamConfirms() {
    positionId = start(
        "harper",
        "Peer specialist position",
        "peer-position",
        "position-proposal",
        Map.of("positionTitle", "Peer Specialist - Housing Navigator", "jurisdiction", "US-NYC"));
    work(
        positionId,
        "position-define-role",
        Map.of(
            "keyFunctions",
            List.of("navigator", "housing-supporter"),
            "checkRequiredByLaw",
            false));
    work(positionId, "position-confirm-role", Map.of("roleConfirmation", "confirmed"));
    work(
        positionId,
        "position-publish",
        Map.of("postingChannels", List.of("careers-page", "peer-networks")));
  }

  @Test
  @Order(2)
  void anApplicationWithARecordEndsInAHireAfterTheApplicantsResponse() {
    String application = start(
        "harper",
        "Fair-chance hiring of a peer specialist",
        "fair-chance-hiring",
        "application",
        Map.of(
            "positionId",
            positionId,
            "applicantName",
            "Jordan Rivera",
            "applicantEmail",
            "jordan@example.org",
            "accommodationRequested",
            true));
    work(application, "application-accommodation", Map.of());
    work(application, "application-screening", Map.of("meetsPostedQualifications", "yes"));
    work(application, "interview-supervisor", Map.of("supervisorRecommendation", "strong"));
    work(application, "interview-peer", Map.of("peerRecommendation", "fit"));
    work(application, "candidate-selection", Map.of("selectionDecision", "selected"));
    work(
        application,
        "reference-verification",
        Map.of("verificationsDone", List.of("references", "employment", "education")));
    work(application, "conditional-offer", Map.of("offerSalary", "$24/hour"));
    work(application, "check-authorization", Map.of());
    work(
        application,
        "check-result",
        Map.of("checkResult", "record-found", "recordsFound", "2012 theft, misdemeanor, closed"));
    work(
        application,
        "record-exclusions",
        Map.of("exclusionsApplied", List.of("arrest-without-conviction"), "recordsRemain", "yes"));
    work(application, "individualized-assessment", Map.of("preliminaryDecision", "adverse"));
    work(application, "referral-record-sealing", Map.of("record_sealing_offer", "accepted"));
    work(application, "referral-legal-aid", Map.of("legal_aid_offer", "declined"));
    work(application, "referral-education", Map.of("education_offer", "not-applicable"));
    message(
        application,
        "ApplicantResponseReceived",
        Map.of(
            "applicantResponse",
            "The 2012 record is closed; I have worked with clients' funds since",
            "disputesAccuracy",
            false));
    work(application, "reassessment", Map.of("finalDecision", "hire"));
    work(application, "former-client-check", Map.of("formerClient", "yes"));
    work(
        application,
        "former-client-review",
        Map.of("dualRelationshipPlan", List.of("transition-providers", "supervision")));
    work(
        application,
        "onboarding-hr",
        Map.of(
            "hrOnboardingDone",
            List.of("personnel-policies", "accommodation-process", "benefits")));
    work(
        application,
        "onboarding-supervisor",
        Map.of("supervisorOnboardingDone", List.of("peer-training", "supervision-plan")));
    assertEnded(application);

    work(positionId, "position-close", Map.of("closingReason", "filled"));
    assertEnded(positionId);
  }

  @Test
  @Order(3)
  void aSupervisorsReferralEndsInAnAccommodationThatWorks() {
    String request = start(
        "sam",
        "Reasonable accommodation request",
        "accommodation-request",
        "accommodation-request-start",
        Map.of(
            "requestPath",
            "referral",
            "employeeName",
            "Alex Morgan",
            "employeeEmail",
            "alex@example.org",
            "referralObservation",
            "Alex struggles with the 8:00 intake shift"));
    work(request, "accommodation-reach-out", Map.of("contactOutcome", "explore"));
    work(request, "accommodation-acknowledge", Map.of());
    work(request, "accommodation-schedule-meeting", Map.of("supportPerson", "peer-specialist"));
    work(request, "accommodation-peer-support", Map.of("peerSupportConfirmed", "yes"));
    work(request, "accommodation-job-functions", Map.of());
    work(request, "accommodation-limitations", Map.of("documentationNeeded", "yes"));
    work(request, "accommodation-employee-ideas", Map.of());
    work(request, "accommodation-documentation-request", Map.of());
    message(
        request,
        "MedicalDocumentationReceived",
        Map.of("medicalDocumentation", "Letter of the treating psychologist"));
    work(
        request,
        "accommodation-documentation-review",
        Map.of("documentationOutcome", "sufficient"));
    work(request, "accommodation-options", Map.of("interimNeeded", false));
    // Alex moves to sky's team: harper reassigns the case, and sky, not sam, approves and
    // implements
    TasklistUser sam = session("sam", null);
    sam.reload();
    new FluentWait<>(sam)
        .withTimeout(Duration.ofSeconds(10))
        .pollingEvery(Duration.ofMillis(200))
        .withMessage("sam's My work lists his employee's approval")
        .until(user -> user.listedTasks().contains("Approve the accommodation"));
    String reassignment = start(
        "harper",
        "Reassign a case",
        "case-reassignment",
        "case-reassignment-start",
        Map.of("caseId", request, "role", "supervisorId"));
    work(
        reassignment,
        "case-reassignment-choose",
        Map.of("newPerson", "sky", "reason", "Alex moved to the outreach team"));
    assertEnded(reassignment);
    sam.reload();
    // the list has loaded once it shows as many tasks as its count says
    new FluentWait<>(sam)
        .withTimeout(Duration.ofSeconds(10))
        .pollingEvery(Duration.ofMillis(200))
        .withMessage(() -> "sam's Tasklist: " + sam.filters() + " " + sam.listedTasks())
        .until(user -> user.filters()
            .get(0)
            .replaceAll("\\D", "")
            .equals(String.valueOf(user.listedTasks().size())));
    assertThat(sam.listedTasks())
        .as("sam's My work once the case is sky's")
        .doesNotContain("Approve the accommodation");
    // sky proposes an alternative, so the HR lead (hana, the task's assignee) decides
    work(
        request,
        "accommodation-supervisor-approval",
        Map.of("supervisorAnswer", "alternative", "operationalImpact", "manageable"));
    work(request, "accommodation-decision", Map.of("accommodationDecision", "alternative"));
    // Alex asks to reconsider the alternative; harper, not hana who chose it, keeps it
    message(
        request,
        "AccommodationReconsiderationRequested",
        Map.of("reconsiderationReasons", "9:00 clashes with therapy"));
    work(
        request,
        "accommodation-alternative-reconsideration",
        Map.of("reconsiderationOutcome", "uphold"));
    work(request, "accommodation-implement", Map.of());
    timerFires(request, "Event_FollowUpDue");
    work(request, "accommodation-follow-up", Map.of("accommodationEffective", "yes"));
    assertEnded(request);
  }

  @Test
  @Order(4)
  void aConsentWithPeerSupportChangesTreatmentAndGoesToCourt() {
    String consent = consentGiven("Robin Ames", "standard", true);
    work(
        consent,
        "consent-treatment-change",
        Map.of(
            "treatmentStatus",
            "material-change",
            "proposedTreatment",
            "Olanzapine 5 mg nightly",
            "treatmentKind",
            "antipsychotic"));
    // the client has since been placed under guardianship without a Rogers plan: the court decides
    work(
        consent,
        "consent-decision-maker",
        Map.of(
            "decisionMakerStatus",
            "guardian",
            "rogersPlanInForce",
            false,
            "substituteDecisionMaker",
            "Alex Ames"));
    work(
        consent,
        "consent-court-petition",
        Map.of("petitionPursued", "file", "petitionDocuments", List.of("mpc-120", "mpc-400")));
    timerFires(consent, "Event_HearingDeadline");
    work(consent, "consent-hearing-follow-up", Map.of());
    work(consent, "consent-court-decision", Map.of("courtDecision", "approved"));
    work(consent, "consent-court-plan", Map.of());
    timerFires(consent, "Event_AnnualReviewDue");
    work(consent, "consent-annual-review", Map.of("annualReviewOutcome", "extended"));
    work(consent, "consent-plan-monitor", Map.of("planEndReason", "capacity-regained"));
    assertEnded(consent);
  }

  @Test
  @Order(5)
  void aConsentIsReviewedThenWithdrawnAndThePrescriberPlansTheStop() {
    // two more clinicians in the directory, for this walk only: the treating team is casey and
    // cole, and when cole leaves the team harper puts cora in his place
    WALK_CLINICIANS.forEach(this::addClinician);
    try {
      String consent = consentGiven("Sam Ortiz", "antipsychotic", false, List.of("casey", "cole"));
      String reassignment = start(
          "harper",
          "Reassign a case",
          "case-reassignment",
          "case-reassignment-start",
          Map.of("caseId", consent, "role", "treatingTeam"));
      work(
          reassignment,
          "case-reassignment-choose",
          Map.of("replacedPerson", "cole", "newPerson", "cora", "reason", "Cole left the team"));
      assertEnded(reassignment);
      timerFires(consent, "Event_ReviewDue");
      assertThat(
              taskService
                  .getIdentityLinksForTask(openTask(consent, "consent-review").getId())
                  .stream()
                  .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                  .map(IdentityLink::getUserId)
                  .filter(java.util.Objects::nonNull))
          .as("the review goes to the team as it is now")
          .containsExactlyInAnyOrder("casey", "cora");
      reviewedThenWithdrawn(consent);
    } finally {
      WALK_CLINICIANS.forEach(identityService::deleteUser);
    }
  }

  private void addClinician(String id) {
    User user = identityService.newUser(id);
    user.setFirstName(Character.toUpperCase(id.charAt(0)) + id.substring(1));
    user.setLastName("Walker");
    user.setEmail(id + "@clinic.example");
    user.setPassword(id);
    identityService.saveUser(user);
    identityService.createMembership(id, "clinicians");
  }

  private void reviewedThenWithdrawn(String consent) {
    work(consent, "consent-review", Map.of("treatmentStatus", "continue"));
    message(consent, "ConsentWithdrawn", Map.of("withdrawalChannel", "oral", "receivedBy", "pat"));
    work(consent, "consent-safe-discontinuation", Map.of());
    assertEnded(consent);
  }

  @Test
  @Order(6)
  void aLosAngelesApplicationHasItsNoticesMailedAndItsDisputeResolvedBeforeTheDecision() {
    String position = start(
        "harper",
        "Peer specialist position",
        "peer-position",
        "position-proposal",
        Map.of("positionTitle", "Peer Specialist - Outreach", "jurisdiction", "US-CA-LA"));
    work(
        position,
        "position-define-role",
        Map.of("keyFunctions", List.of("navigator"), "checkRequiredByLaw", false));
    work(position, "position-confirm-role", Map.of("roleConfirmation", "confirmed"));
    work(position, "position-publish", Map.of("postingChannels", List.of("careers-page")));
    String application = start(
        "harper",
        "Fair-chance hiring of a peer specialist",
        "fair-chance-hiring",
        "application",
        Map.of(
            "positionId",
            position,
            "applicantName",
            "Casey Morales",
            "applicantEmail",
            "casey.morales@example.org"));
    work(application, "application-screening", Map.of("meetsPostedQualifications", "yes"));
    work(application, "interview-supervisor", Map.of("supervisorRecommendation", "strong"));
    work(application, "interview-peer", Map.of("peerRecommendation", "fit"));
    work(application, "candidate-selection", Map.of("selectionDecision", "selected"));
    work(application, "conditional-offer", Map.of("offerSalary", "$25/hour"));
    work(application, "check-authorization", Map.of("authorizationDecision", "authorized"));
    work(
        application,
        "check-result",
        Map.of("checkResult", "record-found", "recordsFound", "2016 burglary, felony"));
    work(
        application,
        "record-exclusions",
        Map.of("exclusionsApplied", List.of("sealed-expunged"), "recordsRemain", "yes"));
    work(application, "individualized-assessment", Map.of("preliminaryDecision", "adverse"));
    work(application, "notice-mailing", Map.of("mailingMethod", "first-class"));
    work(application, "referral-record-sealing", Map.of("record_sealing_offer", "declined"));
    work(application, "referral-legal-aid", Map.of("legal_aid_offer", "accepted"));
    work(application, "referral-education", Map.of("education_offer", "not-applicable"));
    message(
        application,
        "ApplicantResponseReceived",
        Map.of(
            "applicantResponse",
            "The 2016 case was dismissed; the report is wrong",
            "disputesAccuracy",
            true));
    work(application, "record-dispute", Map.of("disputeOutcome", "corrected"));
    work(application, "reassessment", Map.of("finalDecision", "final-adverse"));
    work(application, "notice-mailing", Map.of("mailingMethod", "certified"));
    timerFires(application, "Event_FinalReconsiderationWindowEnded");
    assertEnded(application);
    work(position, "position-close", Map.of("closingReason", "on-hold"));
    work(position, "position-resume", Map.of("holdDecision", "close"));
    assertEnded(position);
  }

  @Test
  @Order(7)
  void everyFormWasSubmittedInTheTasklist() throws IOException {
    assertThat(submitted).as("forms submitted in the Tasklist").containsAll(catalog.all());
    JsonNode fixture = new ObjectMapper().readTree(VALUE_TYPES.toFile());
    Map<String, Set<String>> expected = new TreeMap<>();
    fixture
        .fields()
        .forEachRemaining(
            entry -> expected.put(entry.getKey(), Set.of(entry.getValue().asText())));
    assertThat(valueTypes)
        .as("the engine's types of what the Tasklist sent, per form-js component (%s)", VALUE_TYPES)
        .isEqualTo(expected);
    assertThat(firstScreens)
        .as("the first screen of each user: the filter the Tasklist opens on, then its tasks")
        // hana: the HR lead decides a supervisor's alternative; sky: the case harper reassigned to
        // him
        .containsOnlyKeys("harper", "hana", "sam", "sky", "pat", "casey");
    assertThat(firstScreens.get("sky")).isEqualTo("My work 1: Approve the accommodation");
    // e.g. "My work (1): Define the role with HR" — the Tasklist opens on the first filter and
    // shows its count
    firstScreens.forEach((user, screen) ->
        assertThat(screen).as(user + "'s first screen").matches("My work \\(?[1-9]\\d*\\)?: .+"));
  }

  /** casey proposes a treatment to a capable adult, who consents; @return the consent's business key */
  private String consentGiven(String clientName, String treatmentKind, boolean peerSupport) {
    return consentGiven(clientName, treatmentKind, peerSupport, List.of("casey"));
  }

  private String consentGiven(
      String clientName, String treatmentKind, boolean peerSupport, List<String> treatingTeam) {
    String consent = start(
        "casey",
        "Informed consent for treatment",
        "informed-consent",
        "consent-proposal",
        Map.of(
            "clientName",
            clientName,
            "treatmentKind",
            treatmentKind,
            "clientTeamEmail",
            "team@clinic.example"));
    work(
        consent,
        "consent-decision-maker",
        Map.of("decisionMakerStatus", "capable-adult", "treatingTeam", treatingTeam));
    work(consent, "consent-peer-offer", Map.of("peerSupportAccepted", peerSupport ? "yes" : "no"));
    if (peerSupport) {
      work(
          consent,
          "consent-peer-support",
          Map.of("decisionAidsUsed", List.of("option-grid", "pros-cons")));
    }
    work(consent, "consent-disclosure", Map.of());
    work(
        consent,
        "consent-capacity",
        Map.of(
            "capacityChoice",
            true,
            "capacityUnderstanding",
            true,
            "capacityAppreciation",
            true,
            "capacityReasoning",
            true));
    work(consent, "consent-decision", Map.of("consentDecision", "consent", "decidedBy", "client"));
    work(consent, "consent-documentation", Map.of());
    return consent;
  }

  /** Starts a process from the Tasklist's Start process dialog; @return the new case's business key. */
  private String start(
      String user, String processName, String processKey, String formId, Map<String, ?> answers) {
    Set<String> before = new HashSet<>(startedBy(user, processKey));
    TasklistUser session = session(user, null);
    try {
      session.openStartForm(processName);
      session.fill(catalog.form(formId), answers, today());
      session.screenshot(screenshot(formId));
      session.start(() -> startedBy(user, processKey).size() > before.size());
    } catch (RuntimeException | AssertionError e) {
      session.failed(formId);
      throw new AssertionError(
          "Starting " + processKey + " as " + user + " failed; instances: "
              + historyService
                  .createHistoricProcessInstanceQuery()
                  .processDefinitionKey(processKey)
                  .list()
                  .stream()
                  .map(i -> i.getId() + " by " + i.getStartUserId() + " " + i.getState())
                  .toList(),
          e);
    }
    submitted.add(formId);
    List<String> started = new ArrayList<>(startedBy(user, processKey));
    started.removeAll(before);
    HistoricProcessInstance instance = historyService
        .createHistoricProcessInstanceQuery()
        .processInstanceId(started.get(0))
        .singleResult();
    return instance.getBusinessKey();
  }

  /** The open task of the case showing {@code formId}, done in the Tasklist by the user it is for. */
  private void work(String caseKey, String formId, Map<String, ?> answers) {
    Task task = new FluentWait<>(taskService)
        .withTimeout(Duration.ofSeconds(10))
        .pollingEvery(Duration.ofMillis(100))
        .withMessage(() -> "an open task with form '" + formId + "' in case " + caseKey + "; open: "
            + openForms(caseKey))
        .until(tasks -> openTask(caseKey, formId));
    String user = task.getAssignee() != null ? task.getAssignee() : worker(task);
    TasklistUser session = session(user, task.getName());
    try {
      session.openTask(task.getId());
      if (task.getAssignee() == null) {
        session.claim();
        // the list refreshes after a claim and, under load, the Tasklist may drop the open task
        session.openTask(task.getId());
      }
      session.fill(catalog.form(formId), answers, today());
      session.screenshot(screenshot(formId));
      session.complete(() -> historyService
              .createHistoricTaskInstanceQuery()
              .taskId(task.getId())
              .finished()
              .count()
          == 1);
    } catch (RuntimeException | AssertionError e) {
      session.failed(formId);
      throw e;
    }
    submitted.add(formId);
    recordValueTypes(task.getProcessInstanceId(), catalog.form(formId));
  }

  /** A message from outside the Tasklist (the applicant, a clinician's letter, a withdrawal). */
  private void message(String caseKey, String name, Map<String, Object> variables) {
    runtimeService
        .createMessageCorrelation(name)
        .processInstanceBusinessKey(caseKey)
        .setVariables(variables)
        .correlate();
  }

  /** Moves the engine clock to the timer's due date and runs it, as the job executor would then. */
  private void timerFires(String caseKey, String activityId) {
    Job timer = null;
    for (ProcessInstance instance : runtimeService
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(caseKey)
        .list()) {
      Job found = managementService
          .createJobQuery()
          .processInstanceId(instance.getId())
          .activityId(activityId)
          .timers()
          .singleResult();
      timer = found != null ? found : timer;
    }
    assertThat(timer).as("the timer " + activityId + " of case " + caseKey).isNotNull();
    if (timer.getDuedate().after(ClockUtil.getCurrentTime())) {
      ClockUtil.setCurrentTime(new java.util.Date(timer.getDuedate().getTime() + 60_000));
    }
    managementService.executeJob(timer.getId());
  }

  private void assertEnded(String caseKey) {
    // the e-mails of the case wait in the outbox (peerflow-mail) for a job executor, off in tests
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(caseKey)
                .list()
                .stream()
                .map(instance -> instance.getProcessDefinitionId().split(":")[0])
                .filter(key -> !key.equals("peerflow-mail"))
                .toList())
        .as("processes of case " + caseKey + " still running")
        .isEmpty();
  }

  private Task openTask(String caseKey, String formId) {
    return taskService
        .createTaskQuery()
        .processInstanceBusinessKey(caseKey)
        .initializeFormKeys()
        .list()
        .stream()
        .filter(task -> task.getCamundaFormRef() != null
            && formId.equals(task.getCamundaFormRef().getKey()))
        .findFirst()
        .orElse(null);
  }

  private List<String> openForms(String caseKey) {
    return taskService
        .createTaskQuery()
        .processInstanceBusinessKey(caseKey)
        .initializeFormKeys()
        .list()
        .stream()
        .map(task -> task.getCamundaFormRef() == null
            ? task.getName()
            : task.getCamundaFormRef().getKey())
        .toList();
  }

  private String worker(Task task) {
    for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
      // a person the case names (the prescriber, the treating team) works on it before any group
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getUserId() != null) {
        return link.getUserId();
      }
    }
    for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())
          && link.getGroupId() != null
          && WORKER.containsKey(link.getGroupId())) {
        return WORKER.get(link.getGroupId());
      }
    }
    throw new AssertionError("Nobody of the demo users can work on " + task.getName() + ": "
        + taskService.getIdentityLinksForTask(task.getId()));
  }

  private List<String> startedBy(String user, String processKey) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(processKey)
        .startedBy(user)
        .list()
        .stream()
        .map(HistoricProcessInstance::getId)
        .toList();
  }

  /**
   * The user's Tasklist, logged in at the first need. The first time he has a task to do, his
   * screen as on logging in must open on his work and list that task.
   */
  private TasklistUser session(String user, String expectedTask) {
    boolean loggedIn = sessions.containsKey(user);
    TasklistUser session = sessions.computeIfAbsent(user, id -> TasklistUser.login(id, port));
    if (expectedTask != null
        && !firstScreens.containsKey(user)
        && !WALK_CLINICIANS.contains(user)) {
      if (loggedIn) {
        session.reload(); // as if he logged in now
      }
      new FluentWait<>(session)
          .withTimeout(Duration.ofSeconds(10))
          .pollingEvery(Duration.ofMillis(200))
          .withMessage(() -> user + "'s first screen lists " + expectedTask)
          .until(s -> s.listedTasks().contains(expectedTask));
      session.screenshot(SCREENSHOTS.resolve("first-screen-" + user + ".png"));
      firstScreens.put(
          user, session.filters().get(0) + ": " + String.join(", ", session.listedTasks()));
    }
    return session;
  }

  private void recordValueTypes(String processInstanceId, JsonNode form) {
    Map<String, String> componentTypes = new TreeMap<>();
    collectTypes(form.path("components"), componentTypes);
    for (Map.Entry<String, String> field : componentTypes.entrySet()) {
      HistoricVariableInstance variable = historyService
          .createHistoricVariableInstanceQuery()
          .processInstanceId(processInstanceId)
          .variableName(field.getKey())
          .singleResult();
      if (variable != null) {
        valueTypes
            .computeIfAbsent(field.getValue(), type -> new TreeSet<>())
            .add(variable.getTypeName());
      }
    }
  }

  private static void collectTypes(JsonNode components, Map<String, String> into) {
    for (JsonNode component : components) {
      if (component.has("components")) {
        collectTypes(component.path("components"), into);
      } else if (component.hasNonNull("key") && !component.path("readonly").asBoolean()) {
        into.put(component.path("key").asText(), component.path("type").asText());
      }
    }
  }

  private Path screenshot(String formId) {
    return SCREENSHOTS.resolve(String.format("%02d-%s.png", ++step, formId));
  }

  private LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
  }
}
