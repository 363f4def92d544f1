package org.peerflow.consent;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.peerflow.TasklistValues;

/** Walks consents through the real diagrams, as casey (clinician) and pat (peer specialist) would. */
public final class ConsentWalk {

  static final String TREATMENT = "Olanzapine 5 mg by mouth nightly for 12 weeks";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final ProcessEngine engine;

  public ConsentWalk(ProcessEngine engine) {
    this.engine = engine;
  }

  static String uniqueId() {
    return "IC-T" + System.nanoTime() % 100000 + "-" + SEQUENCE.incrementAndGet();
  }

  static String teamEmail(ProcessInstance consent) {
    return "team-" + consent.getBusinessKey().toLowerCase() + "@clinic.example";
  }

  public ProcessInstance propose(String treatmentKind) {
    String consentId = uniqueId();
    return engine
        .getRuntimeService()
        .createProcessInstanceByKey("informed-consent")
        .businessKey(consentId)
        .setVariable("clientName", "Robin Ames")
        .setVariable("proposedTreatment", TREATMENT)
        .setVariable("treatmentKind", treatmentKind)
        .setVariable("prescriber", "casey")
        .setVariable("clientTeamEmail", "team-" + consentId.toLowerCase() + "@clinic.example")
        .execute();
  }

  public void decisionMaker(ProcessInstance consent, String status, boolean rogersPlanInForce) {
    complete(
        task("Task_CheckDecisionMaker", consent),
        withVariables(
            "decisionMakerStatus",
            status,
            "rogersPlanInForce",
            rogersPlanInForce,
            "substituteDecisionMaker",
            "capable-adult".equals(status) ? "" : "Alex Ames",
            "legalStatusSource",
            "Client record, legal status section"));
  }

  public void offerPeer(ProcessInstance consent, boolean accepted) {
    complete(
        task("Task_OfferPeerSupport", consent),
        withVariables(
            "peerSupportAccepted",
            accepted ? "yes" : "no",
            "supportingPeer",
            accepted ? "pat" : null));
  }

  static Map<String, Object> fullDisclosure() {
    Map<String, Object> disclosure = new HashMap<>();
    DisclosureCheck.ELEMENTS.keySet().forEach(element -> disclosure.put(element, true));
    disclosure.put("writtenMaterialTitle", "Olanzapine: what you need to know (plain language)");
    return disclosure;
  }

  void disclose(ProcessInstance consent) {
    complete(task("Task_Disclose", consent), fullDisclosure());
  }

  void supportAsPeer(ProcessInstance consent) {
    complete(
        task("Task_SupportSharedDecision", consent),
        withVariables(
            "clientGoals",
            "Sleep better, keep working",
            "decisionAidsUsed",
            TasklistValues.checklist("option-grid"),
            "questionsForClinician",
            "Weight gain?"));
  }

  void assessCapacity(ProcessInstance consent, boolean capable, boolean reassess) {
    complete(
        task("Task_AssessCapacity", consent),
        withVariables(
            "capacityChoice",
            true,
            "capacityUnderstanding",
            capable,
            "capacityAppreciation",
            capable,
            "capacityReasoning",
            true,
            "capacityReassess",
            reassess,
            "capacityNotes",
            "Assessed with the client"));
  }

  public void decide(ProcessInstance consent, String decision) {
    decide(consent, decision, false);
  }

  void decide(ProcessInstance consent, String decision, boolean clientObjects) {
    complete(
        task("Task_RecordDecision", consent),
        withVariables(
            "consentDecision", decision, "decidedBy", "client", "clientObjects", clientObjects));
  }

  public void document(ProcessInstance consent) {
    complete(
        task("Task_DocumentConsent", consent),
        withVariables(
            "recordReference",
            "EHR note 2026-03-02",
            "consentNote",
            "All elements disclosed, capable, client decided"));
  }

  /** Capable adult, peer declined: disclosure, capacity, up to the decision. */
  public ProcessInstance toDecision(String treatmentKind) {
    ProcessInstance consent = propose(treatmentKind);
    capableAdultToDecision(consent);
    return consent;
  }

  /** From the decision-maker check: a capable adult who declines a peer, up to the decision. */
  void capableAdultToDecision(ProcessInstance consent) {
    decisionMaker(consent, "capable-adult", false);
    offerPeer(consent, false);
    disclose(consent);
    assessCapacity(consent, true, false);
  }

  /** While the treatment goes on, the clinician proposes a material change: back to the decision-maker check. */
  void proposeChange(ProcessInstance consent, String proposedTreatment) {
    complete(
        task("Task_MonitorTreatment", consent),
        withVariables(
            "treatmentStatus",
            "material-change",
            "proposedTreatment",
            proposedTreatment,
            "treatmentKind",
            "antipsychotic"));
  }

  /** Consent given and documented: waiting while the treatment goes on. */
  public ProcessInstance consented() {
    ProcessInstance consent = toDecision("antipsychotic");
    decide(consent, "consent");
    document(consent);
    return consent;
  }

  ProcessInstance courtPath(ProcessInstance consent) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .superProcessInstanceId(consent.getId())
        .singleResult();
  }
}
