package org.peerflow.bench;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.peerflow.TasklistValues;
import org.peerflow.hiring.HiringWalk;

/**
 * An application for an open position to the hire: screening, interview panel, selection, conditional offer with its letter, check authorization, the HR-only record
 * review (no record), onboarding by HR and the supervisor. The position is opened once.
 */
final class FairChanceHiringWalk implements ProcessWalk {

  private String positionId;

  @Override
  public String name() {
    return "fair-chance-hiring";
  }

  @Override
  public void prepare(ProcessEngine engine) {
    positionId = new HiringWalk(engine).openPosition("US-MA");
  }

  @Override
  public void walkOnce(ProcessEngine engine) {
    HiringWalk walk = new HiringWalk(engine);
    ProcessInstance application = walk.apply(positionId);
    walk.screen(application, "yes");
    walk.interview(application);
    walk.select(application, "selected");
    ProcessInstance review = walk.offerAndAuthorize(application);
    complete(
        task("Task_RecordCheckResult", review),
        withVariables("checkResult", "no-record", "reportSource", "iCORI"));
    complete(
        task("Task_OnboardHr", application),
        withVariables("hrOnboardingDone", TasklistValues.checklist("personnel-policies")));
    complete(
        task("Task_OnboardSupervisor", application),
        withVariables("supervisorOnboardingDone", TasklistValues.checklist("peer-training")));
    walk.planDualRelationships(application, "no");
    ProcessWalk.assertEnded(engine, application, "hiring");
  }
}
