package org.peerflow.bench;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.peerflow.accommodation.AccommodationWalk;

/**
 * An employee's request to the accommodation in place: acknowledgement, the interactive meeting
 * (obvious need, so no documentation), options, the supervisor's hardship claim in its own
 * instance, the HR lead's approval with its letter, the supervisor's implementation instance, and the follow-up after ten business
 * days, found effective.
 */
final class AccommodationRequestWalk implements ProcessWalk {

  @Override
  public String name() {
    return "accommodation-request";
  }

  @Override
  public void walkOnce(ProcessEngine engine) {
    AccommodationWalk walk = new AccommodationWalk(engine);
    ProcessInstance request = walk.toDecision();
    walk.decide(request, "approve");
    walk.implement(request);
    // the job executor is off in this part: fire the follow-up timer as it would ten business days
    // later
    ManagementService management = engine.getManagementService();
    management.executeJob(management
        .createJobQuery()
        .processInstanceId(request.getId())
        .activityId("Event_FollowUpDue")
        .singleResult()
        .getId());
    complete(
        task("Task_FollowUp", request),
        withVariables("accommodationEffective", "yes", "followUpNotes", "Works well"));
    ProcessWalk.assertEnded(engine, request, "accommodation");
  }
}
