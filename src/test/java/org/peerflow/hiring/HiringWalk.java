package org.peerflow.hiring;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.peerflow.TasklistValues;

/** Walks positions and applications through the real diagrams, as the Tasklist users would. */
public final class HiringWalk {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final ProcessEngine engine;

  public HiringWalk(ProcessEngine engine) {
    this.engine = engine;
  }

  static String uniqueId(String prefix) {
    return prefix + "-T" + System.nanoTime() % 100000 + "-" + SEQUENCE.incrementAndGet();
  }

  public ProcessInstance proposePosition(String jurisdiction) {
    return engine
        .getRuntimeService()
        .createProcessInstanceByKey("peer-position")
        .businessKey(uniqueId("POS"))
        .setVariable("positionTitle", "Peer Specialist - Housing Navigator")
        .setVariable("jurisdiction", jurisdiction)
        .execute();
  }

  public ProcessInstance defineAndConfirm(ProcessInstance position) {
    complete(
        task("Task_DefineRole", position),
        withVariables(
            "keyFunctions",
            TasklistValues.checklist("navigator", "housing-supporter"),
            "primaryQualifications",
            TasklistValues.checklist(
                "lived-experience", "peer-support-capacity", "ethical-conduct"),
            "classification",
            "Peer Specialist II",
            "payGrade",
            "PS-2",
            "checkRequiredByLaw",
            false,
            "jobRelatedOffenses",
            "Recent fraud involving client funds",
            "offenseJustification",
            "Handles client benefits",
            "hiringManager",
            "sam",
            "interviewPeer",
            "pat"));
    complete(task("Task_ConfirmRole", position), withVariables("roleConfirmation", "confirmed"));
    return position;
  }

  /** @return the id of a position open for applications */
  public String openPosition(String jurisdiction) {
    ProcessInstance position = defineAndConfirm(proposePosition(jurisdiction));
    complete(
        task("Task_PublishPosting", position),
        withVariables(
            "postingText",
            "Join our peer team.",
            "postingChannels",
            TasklistValues.checklist("careers-page")));
    return position.getBusinessKey();
  }

  public ProcessInstance apply(String positionId) {
    return apply(positionId, false);
  }

  public ProcessInstance apply(String positionId, boolean accommodationRequested) {
    String applicationId = uniqueId("APP");
    return engine
        .getRuntimeService()
        .createProcessInstanceByKey("fair-chance-hiring")
        .businessKey(applicationId)
        .setVariable("positionId", positionId)
        .setVariable("applicantName", "Jordan Rivera")
        .setVariable("applicantEmail", applicationId.toLowerCase() + "@applicant.example")
        .setVariable("experienceSummary", "Volunteer peer mentor, 3 years")
        .setVariable("livedExperienceAttested", true)
        .setVariable("accommodationRequested", accommodationRequested)
        .execute();
  }

  public void screen(ProcessInstance application, String meetsPostedQualifications) {
    complete(
        task("Task_ScreenApplication", application),
        withVariables(
            "meetsPostedQualifications",
            meetsPostedQualifications,
            "screeningNotes",
            "Meets the posting"));
  }

  public void interview(ProcessInstance application) {
    complete(
        task("Task_InterviewSupervisor", application),
        withVariables(
            "supervisorInterviewNotes",
            "Warm, clear on boundaries",
            "supervisorRecommendation",
            "strong",
            "volunteeredInfoSetAside",
            false));
    complete(
        task("Task_InterviewPeer", application),
        withVariables(
            "peerInterviewNotes",
            "Uses own story well",
            "peerRecommendation",
            "strong",
            "peerVolunteeredInfoSetAside",
            false));
  }

  /** @return the HR-only dual-relationship instance of a hired applicant, waiting for HR to ask */
  public ProcessInstance dualRelationshipPlan(ProcessInstance application) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .superProcessInstanceId(application.getId())
        .processDefinitionKey("fair-chance-former-client")
        .singleResult();
  }

  /** The new hire's voluntary answer (yes, no, declined); with yes, the plan agreed with them. */
  public void planDualRelationships(ProcessInstance application, String formerClient) {
    ProcessInstance plan = dualRelationshipPlan(application);
    complete(task("Task_AskAboutServices", plan), withVariables("formerClient", formerClient));
    if (formerClient.equals("yes")) {
      complete(
          task("Task_AgreePlan", plan),
          withVariables(
              "timeSinceServicesEnded",
              "4 years",
              "existingRelationships",
              "Knows two clients of the housing team",
              "dualRelationshipPlan",
              TasklistValues.checklist("assignment-limits")));
    }
  }

  public void select(ProcessInstance application, String decision) {
    complete(
        task("Task_SelectCandidate", application),
        withVariables(
            "selectionDecision", decision, "selectionReasons", "Best fit for the housing team"));
  }

  /** Application through screening, panel and selection. */
  public ProcessInstance toOffer(String jurisdiction) {
    ProcessInstance application = apply(openPosition(jurisdiction));
    screen(application, "yes");
    interview(application);
    select(application, "selected");
    if ("US-NYC".equals(jurisdiction)) {
      complete(
          task("Task_VerifyReferences", application),
          withVariables(
              "verificationsDone",
              TasklistValues.checklist("references", "employment", "education")));
    }
    return application;
  }

  /** @return the HR-only record review instance, waiting for the check result */
  public ProcessInstance offerAndAuthorize(ProcessInstance application) {
    complete(
        task("Task_MakeConditionalOffer", application),
        withVariables("offerSalary", "$24/hour", "offerStartDate", "2026-04-06"));
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
            "2026-03-03"));
    return recordReview(application);
  }

  public ProcessInstance recordReview(ProcessInstance application) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .superProcessInstanceId(application.getId())
        .singleResult();
  }

  public void recordFound(ProcessInstance review) {
    complete(
        task("Task_RecordCheckResult", review),
        withVariables(
            "checkResult",
            "record-found",
            "reportSource",
            "Acme Screening LLC",
            "recordsFound",
            "2012 theft, misdemeanor, closed; 2019 arrest, no charge"));
  }

  public void recordsRemain(ProcessInstance review, String recordsRemain) {
    complete(
        task("Task_ExcludeRecords", review),
        withVariables(
            "exclusionsApplied",
            TasklistValues.checklist("arrest-without-conviction"),
            "recordsRemain",
            recordsRemain,
            "remainingRecords",
            "2012 theft, misdemeanor"));
  }

  public void assess(ProcessInstance review, String preliminaryDecision) {
    complete(
        task("Task_AssessIndividually", review),
        withVariables(
            "natureAndGravity",
            "Minor property offense",
            "timeElapsed",
            "14 years",
            "natureOfJob",
            "Handles client benefits",
            "rehabilitationEvidence",
            "GED 2015, 6 years of work",
            "preliminaryDecision",
            preliminaryDecision,
            "assessmentSummary",
            "Weighs against handling funds"));
  }

  /** Up to the response wait: record found, not excluded, preliminary adverse. */
  public ProcessInstance toResponseWait(ProcessInstance application) {
    ProcessInstance review = offerAndAuthorize(application);
    recordFound(review);
    recordsRemain(review, "yes");
    assess(review, "adverse");
    return review;
  }

  /** The reassessment by harper (HR), logged in as the Tasklist would be: who decides is recorded. */
  public void reassess(ProcessInstance review, String finalDecision) {
    reassessAs("harper", review, finalDecision);
  }

  public void reassessAs(String userId, ProcessInstance review, String finalDecision) {
    org.camunda.bpm.engine.task.Task reassess =
        task("Task_Reassess", review); // found before logging in
    java.util.List<String> groups =
        engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream()
            .map(org.camunda.bpm.engine.identity.Group::getId)
            .toList();
    engine.getIdentityService().setAuthentication(userId, groups);
    try {
      complete(
          reassess,
          withVariables(
              "finalDecision",
              finalDecision,
              "reassessmentReasons",
              "Evidence of rehabilitation outweighs the record"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** The 10 business days to ask for reconsideration of a final notice pass without a request. */
  public void reconsiderationWindowEnds(ProcessInstance review) {
    org.camunda.bpm.engine.runtime.Job window = engine
        .getManagementService()
        .createJobQuery()
        .processInstanceId(review.getId())
        .activityId("Event_FinalReconsiderationWindowEnded")
        .singleResult();
    engine.getManagementService().executeJob(window.getId());
  }
}
