package org.peerflow.accommodation;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** Walks accommodation cases through the real diagrams, as HR, the supervisor and a peer would. */
public final class AccommodationWalk {

  static final String SECRET_DOCUMENTATION =
      "Treating clinician letter: ZX-MED-4471 panic episodes, medication";
  static final String LIMITATIONS = "Concentration drops after LIMIT-9931 long noisy stretches";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final ProcessEngine engine;

  public AccommodationWalk(ProcessEngine engine) {
    this.engine = engine;
  }

  static String uniqueEmail() {
    return "emp-t" + System.nanoTime() % 100000 + "-" + SEQUENCE.incrementAndGet()
        + "@employee.example";
  }

  /** An employee's own request by phone, recorded by HR, without a business key. */
  ProcessInstance request() {
    return engine
        .getRuntimeService()
        .createProcessInstanceByKey("accommodation-request")
        .setVariable("requestPath", "employee")
        .setVariable("employeeName", "Alex Morgan")
        .setVariable("employeeEmail", uniqueEmail())
        .setVariable("channel", "phone")
        .setVariable("requestedBy", "Ana Morgan, sister")
        .setVariable("requestSummary", "Start later on therapy days")
        .execute();
  }

  void acknowledge(ProcessInstance request) {
    complete(
        task("Task_Acknowledge", request),
        withVariables(
            "confidentialFileOpened", true, "hrContact", "Harper Lee", "supervisorId", "sam"));
  }

  void schedule(ProcessInstance request, String supportPerson) {
    complete(
        task("Task_ScheduleMeeting", request),
        withVariables(
            "meetingDate",
            "2026-03-04",
            "supportPerson",
            supportPerson,
            "supportingPeer",
            "peer-specialist".equals(supportPerson) ? "pat" : null));
  }

  /** The three meeting steps in their order. */
  void meet(ProcessInstance request, String documentationNeeded) {
    complete(
        task("Task_RecordJobFunctions", request),
        withVariables(
            "meetingParticipants",
            "Alex Morgan, Harper Lee",
            "essentialFunctions",
            "Morning intake shift at 8:00"));
    complete(
        task("Task_RecordLimitations", request),
        withVariables(
            "functionalLimitations", LIMITATIONS, "documentationNeeded", documentationNeeded));
    complete(
        task("Task_RecordEmployeeIdeas", request),
        withVariables(
            "employeeIdeas",
            "Quiet room and a 10:00 start twice a week",
            "employeePreference",
            "10:00 start on Tuesdays and Thursdays"));
  }

  /** Acknowledged, met without a peer; waiting at the options or the documentation. */
  public ProcessInstance toAfterMeeting(String documentationNeeded) {
    ProcessInstance request = request();
    acknowledge(request);
    schedule(request, "none");
    meet(request, documentationNeeded);
    return request;
  }

  public ProcessInstance child(ProcessInstance request, String key) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .superProcessInstanceId(request.getId())
        .processDefinitionKey(key)
        .singleResult();
  }

  /** @return the HR-only documentation instance, waiting for the documentation */
  public ProcessInstance requestDocumentation(ProcessInstance request) {
    ProcessInstance review = child(request, "accommodation-medical-review");
    complete(
        task("Task_PrepareDocumentationRequest", review),
        withVariables(
            "documentationQuestions",
                "Does a later start on two days a week help with the morning intake shift?",
            "documentationFrom", "treating psychologist"));
    return review;
  }

  void documentationReceived(ProcessInstance request) {
    engine
        .getRuntimeService()
        .createMessageCorrelation("MedicalDocumentationReceived")
        .processInstanceBusinessKey(request.getBusinessKey())
        .setVariable("medicalDocumentation", SECRET_DOCUMENTATION)
        .correlate();
  }

  void reviewDocumentation(ProcessInstance review, String outcome) {
    complete(
        task("Task_ReviewDocumentation", review),
        withVariables(
            "documentationOutcome", outcome, "documentationReviewNotes", "Supports a later start"));
  }

  void exploreOptions(ProcessInstance request, boolean interimNeeded) {
    complete(
        task("Task_ExploreOptions", request),
        withVariables(
            "optionsConsidered",
            "Later start; quiet room; swap shifts",
            "proposedAccommodation",
            "Start at 10:00 on Tuesdays and Thursdays",
            "effectiveness",
            "Covers the intake shift with a colleague",
            "preferenceConsidered",
            true,
            "interimNeeded",
            interimNeeded,
            "interimAccommodation",
            interimNeeded ? "Quiet room for paperwork until decided" : null));
  }

  /** @return the supervisor's approval instance, waiting for the supervisor */
  public ProcessInstance approval(ProcessInstance request) {
    return child(request, "accommodation-supervisor-approval");
  }

  /**
   * The supervisor's answer, given as {@code supervisor} logged in (as the Tasklist does):
   * approve, alternative or hardship.
   */
  public ProcessInstance supervisorAnswers(
      ProcessInstance request, String answer, String supervisor) {
    ProcessInstance approval = approval(request);
    // found before logging in: the query would then be limited to what the user may read
    Task approve = task("Task_ApproveAccommodation", approval);
    as(
        supervisor,
        () -> complete(
            approve,
            withVariables(
                "supervisorAnswer", answer,
                "supervisorAlternative",
                    answer.equals("alternative") ? "Start at 9:00 every day instead" : null,
                "operationalImpact", answer.equals("hardship") ? "significant" : "manageable",
                "operationalImpactNotes",
                    answer.equals("hardship")
                        ? "Nobody else can open intake on those days"
                        : "Swap intake with Sky on those days")));
    return approval;
  }

  /** Obvious need, no interim, options explored: waiting for the supervisor's approval. */
  public ProcessInstance toSupervisorApproval() {
    ProcessInstance request = toAfterMeeting("no-obvious");
    exploreOptions(request, false);
    return request;
  }

  /** The supervisor claimed undue hardship: waiting at the HR lead's decision. */
  public ProcessInstance toDecision() {
    ProcessInstance request = toSupervisorApproval();
    supervisorAnswers(request, "hardship", "sam");
    return request;
  }

  /** Finds something as the test itself, whoever is logged in, and logs them back in. */
  private <T> T withoutAuthentication(java.util.function.Supplier<T> query) {
    org.camunda.bpm.engine.impl.identity.Authentication current =
        engine.getIdentityService().getCurrentAuthentication();
    engine.getIdentityService().clearAuthentication();
    try {
      return query.get();
    } finally {
      if (current != null) {
        engine.getIdentityService().setAuthentication(current);
      }
    }
  }

  /** Runs {@code work} with {@code userId} as the logged-in user, as a Tasklist or REST call would. */
  public void as(String userId, Runnable work) {
    java.util.List<String> groups =
        engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream()
            .map(org.camunda.bpm.engine.identity.Group::getId)
            .toList();
    engine.getIdentityService().setAuthentication(userId, groups);
    try {
      work.run();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** The decision task, completed by its assignee (the HR lead) or, when unassigned, by the logged-in user. */
  public void decide(ProcessInstance request, String decision) {
    Task decide = withoutAuthentication(() -> task("Task_Decide", request));
    complete(
        decide,
        switch (decision) {
          case "deny" ->
            withVariables(
                "accommodationDecision",
                "deny",
                "denialGround",
                "The accommodation would cause undue hardship.",
                "denialReasons",
                "The intake desk cannot be covered after 8:00 by anyone else on those days",
                "hardshipNatureCost",
                "A second intake worker on two mornings: about $9,000 a year",
                "hardshipResources",
                "A 12-person program with no float staff",
                "hardshipOperations",
                "Intake would close until 10:00 on those days");
          case "alternative" ->
            withVariables(
                "accommodationDecision",
                "alternative",
                "approvedAccommodation",
                "Start at 9:00 every day with a quiet room for the first hour",
                "alternativeReasons",
                "The 10:00 start leaves intake uncovered; 9:00 keeps the benefit");
          default ->
            withVariables(
                "accommodationDecision",
                "approve",
                "approvedAccommodation",
                "Start at 10:00 on Tuesdays and Thursdays");
        });
  }

  public ProcessInstance implement(ProcessInstance request) {
    ProcessInstance implementation = child(request, "accommodation-implementation");
    complete(
        task("Task_ImplementAccommodation", implementation),
        withVariables("implementedOn", "2026-03-05", "implementationNotes", "Rota changed"));
    return implementation;
  }
}
