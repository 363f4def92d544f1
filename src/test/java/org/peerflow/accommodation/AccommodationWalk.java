package org.peerflow.accommodation;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** Walks accommodation cases through the real diagrams, as HR, the supervisor and a peer would. */
public final class AccommodationWalk {

  static final String SECRET_DOCUMENTATION = "Treating clinician letter: ZX-MED-4471 panic episodes, medication";
  static final String LIMITATIONS = "Concentration drops after LIMIT-9931 long noisy stretches";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final ProcessEngine engine;

  public AccommodationWalk(ProcessEngine engine) {
    this.engine = engine;
  }

  static String uniqueEmail() {
    return "emp-t" + System.nanoTime() % 100000 + "-" + SEQUENCE.incrementAndGet() + "@employee.example";
  }

  /** An employee's own request by phone, recorded by HR, without a business key. */
  ProcessInstance request() {
    return engine.getRuntimeService().createProcessInstanceByKey("accommodation-request")
        .setVariable("requestPath", "employee")
        .setVariable("employeeName", "Alex Morgan")
        .setVariable("employeeEmail", uniqueEmail())
        .setVariable("channel", "phone")
        .setVariable("requestedBy", "Ana Morgan, sister")
        .setVariable("requestSummary", "Start later on therapy days")
        .execute();
  }

  void acknowledge(ProcessInstance request) {
    complete(task("Task_Acknowledge", request), withVariables("confidentialFileOpened", true, "hrContact", "Harper Lee"));
  }

  void schedule(ProcessInstance request, String supportPerson) {
    complete(task("Task_ScheduleMeeting", request), withVariables("meetingDate", "2026-03-04", "supportPerson", supportPerson));
  }

  /** The three meeting steps in their order. */
  void meet(ProcessInstance request, String documentationNeeded) {
    complete(task("Task_RecordJobFunctions", request), withVariables(
        "meetingParticipants", "Alex Morgan, Harper Lee", "essentialFunctions", "Morning intake shift at 8:00"));
    complete(task("Task_RecordLimitations", request), withVariables(
        "functionalLimitations", LIMITATIONS, "documentationNeeded", documentationNeeded));
    complete(task("Task_RecordEmployeeIdeas", request), withVariables(
        "employeeIdeas", "Quiet room and a 10:00 start twice a week", "employeePreference", "10:00 start on Tuesdays and Thursdays"));
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
    return engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(request.getId()).processDefinitionKey(key).singleResult();
  }

  /** @return the HR-only documentation instance, waiting for the documentation */
  public ProcessInstance requestDocumentation(ProcessInstance request) {
    ProcessInstance review = child(request, "accommodation-medical-review");
    complete(task("Task_PrepareDocumentationRequest", review), withVariables(
        "documentationQuestions", "Does a later start on two days a week help with the morning intake shift?",
        "documentationFrom", "treating psychologist"));
    return review;
  }

  void documentationReceived(ProcessInstance request) {
    engine.getRuntimeService().createMessageCorrelation("MedicalDocumentationReceived")
        .processInstanceBusinessKey(request.getBusinessKey())
        .setVariable("medicalDocumentation", SECRET_DOCUMENTATION)
        .correlate();
  }

  void reviewDocumentation(ProcessInstance review, String outcome) {
    complete(task("Task_ReviewDocumentation", review), withVariables(
        "documentationOutcome", outcome, "documentationReviewNotes", "Supports a later start"));
  }

  void exploreOptions(ProcessInstance request, boolean interimNeeded) {
    complete(task("Task_ExploreOptions", request), withVariables(
        "optionsConsidered", "Later start; quiet room; swap shifts", "proposedAccommodation", "Start at 10:00 on Tuesdays and Thursdays",
        "effectiveness", "Covers the intake shift with a colleague", "preferenceConsidered", true,
        "interimNeeded", interimNeeded, "interimAccommodation", interimNeeded ? "Quiet room for paperwork until decided" : null));
  }

  /** @return the supervisor's consultation instance */
  ProcessInstance consult(ProcessInstance request) {
    ProcessInstance consult = child(request, "accommodation-supervisor-consult");
    complete(task("Task_AssessOperationalImpact", consult), withVariables(
        "operationalImpact", "manageable", "operationalImpactNotes", "Swap intake with Sky on those days"));
    return consult;
  }

  /** Obvious need, no interim, consulted: waiting at the decision. */
  public ProcessInstance toDecision() {
    ProcessInstance request = toAfterMeeting("no-obvious");
    exploreOptions(request, false);
    consult(request);
    return request;
  }

  public void decide(ProcessInstance request, String decision) {
    complete(task("Task_Decide", request), switch (decision) {
      case "deny" -> withVariables("accommodationDecision", "deny",
          "denialGround", "The accommodation would cause undue hardship.",
          "denialReasons", "The intake desk cannot be covered after 8:00 by anyone else on those days");
      case "alternative" -> withVariables("accommodationDecision", "alternative",
          "approvedAccommodation", "Start at 9:00 every day with a quiet room for the first hour",
          "alternativeReasons", "The 10:00 start leaves intake uncovered; 9:00 keeps the benefit");
      default -> withVariables("accommodationDecision", "approve", "approvedAccommodation", "Start at 10:00 on Tuesdays and Thursdays");
    });
  }

  public ProcessInstance implement(ProcessInstance request) {
    ProcessInstance implementation = child(request, "accommodation-implementation");
    complete(task("Task_ImplementAccommodation", implementation), withVariables(
        "implementedOn", "2026-03-05", "implementationNotes", "Rota changed"));
    return implementation;
  }
}
