package org.peerflow.bench;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.peerflow.consent.ConsentWalk;

/**
 * A capable adult's consent to an antipsychotic, start to end: decision-maker check, peer support
 * offered (declined), full disclosure, capacity present, consent given and documented, then the
 * treatment monitored until it ends. No court path.
 */
final class InformedConsentWalk implements ProcessWalk {

  @Override
  public String name() {
    return "informed-consent";
  }

  @Override
  public void walkOnce(ProcessEngine engine) {
    ConsentWalk walk = new ConsentWalk(engine);
    ProcessInstance consent = walk.toDecision("antipsychotic");
    walk.decide(consent, "consent");
    walk.document(consent);
    complete(task("Task_MonitorTreatment", consent), withVariables("treatmentStatus", "ended"));
    ProcessWalk.assertEnded(engine, consent, "consent");
  }
}
