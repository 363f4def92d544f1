package org.peerflow.access;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.peerflow.EveryReadPath;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Rest;
import org.peerflow.TasklistValues;
import org.peerflow.accommodation.AccommodationWalk;
import org.peerflow.consent.ConsentWalk;
import org.peerflow.notification.Outbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Need to know, per case (README, "Access model"): only the people a case names work on it and
 * read it; HR moves both with a reassignment; operators retry jobs without reading case data.
 */
class CaseAccessTest extends IntegrationTestBase {

  /** What the supervisor approves: readable by sam, the employee's supervisor, by no other. */
  private static final String AT_WORK = "Start at 10:00";

  @LocalServerPort
  int port;

  @Autowired
  Outbox outbox;

  @Test
  void anotherSupervisorReadsNothingOfTheCaseAndGetsNoTask() {
    AccommodationWalk walk = new AccommodationWalk(processEngine);
    ProcessInstance request = walk.toSupervisorApproval();
    ProcessInstance approval = walk.approval(request);
    Rest rest = new Rest(port);

    EveryReadPath.assertReadsNothingOf(rest, "sky", request.getId());
    EveryReadPath.assertReadsNothingOf(rest, "sky", approval.getId());
    Assertions.assertThat(mayOpen("sky", "cockpit"))
        .as("supervisors have no Cockpit")
        .isFalse();
    Assertions.assertThat(mayOpen("oscar", "cockpit"))
        .as("operators have Cockpit")
        .isTrue();

    Assertions.assertThat(rest.get("sam", "/engine-rest/task?processInstanceId=" + approval.getId())
            .json())
        .hasSize(1);
    Assertions.assertThat(
            rest.get("sam", "/engine-rest/process-instance/" + approval.getId()).status())
        .isEqualTo(200);
    Assertions.assertThat(rest.get(
                "sam",
                "/engine-rest/history/process-instance?processInstanceId=" + approval.getId())
            .json())
        .hasSize(1);
    Assertions.assertThat(rest.get(
                "sam",
                "/engine-rest/history/variable-instance?processInstanceId=" + approval.getId())
            .body())
        .contains(AT_WORK);
    EveryReadPath.assertNoneReveals(
        rest, "sam", "Ana Morgan, sister", request.getId(), approval.getId());
  }

  @Test
  void hrReassignsTheCaseFromSamToSkyAndTheAccessMovesWithIt() {
    AccommodationWalk walk = new AccommodationWalk(processEngine);
    ProcessInstance request = walk.toSupervisorApproval();
    ProcessInstance approval = walk.approval(request);
    Rest rest = new Rest(port);

    ProcessInstance reassignment = startReassignment(request.getBusinessKey(), "supervisorId");
    assertThat(reassignment)
        .isWaitingAt("Task_ChooseNewPerson")
        .variables()
        .containsEntry("currentPerson", "sam")
        .containsEntry("roleGroup", "supervisors");
    Task choose = openTask(reassignment);
    Assertions.assertThat(processEngine
            .getTaskService()
            .getVariableLocal(choose.getId(), "personChoices")
            .toString())
        .contains("\"value\":\"sky\"")
        .contains("Sky Sullivan (sky)")
        .doesNotContain("\"pat\"");
    completeAs("harper", choose, Map.of("newPerson", "sky", "reason", "Sam moved to intake"));

    assertThat(reassignment)
        .isEnded()
        .variables()
        .containsEntry("reassignedBy", "harper")
        .containsEntry("reason", "Sam moved to intake")
        .containsEntry("instancesReassigned", 1L);
    Assertions.assertThat(
            processEngine.getRuntimeService().getVariable(approval.getId(), "supervisorId"))
        .isEqualTo("sky");
    Assertions.assertThat(
            processEngine.getRuntimeService().getVariable(request.getId(), "supervisorId"))
        .as("the HR-only case passes the new name on (implementation)")
        .isEqualTo("sky");
    Assertions.assertThat(processEngine
            .getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processInstanceId(reassignment.getId())
            .singleResult()
            .getBusinessKey())
        .isEqualTo("RE-" + request.getBusinessKey());
    Task approve = openTask(approval);
    Assertions.assertThat(approve.getAssignee()).isEqualTo("sky");

    EveryReadPath.assertReadsNothingOf(rest, "sam", approval.getId());
    EveryReadPath.assertReadsNothingOf(rest, "sam", request.getId());
    Assertions.assertThat(
            rest.get("sky", "/engine-rest/task/" + approve.getId() + "/form-variables")
                .body())
        .contains(AT_WORK);
    Assertions.assertThat(rest.get(
                "sky",
                "/engine-rest/history/variable-instance?processInstanceId=" + approval.getId())
            .body())
        .contains(AT_WORK);

    walk.supervisorAnswers(request, "approve", "sky");
    assertThat(request)
        .isWaitingAt("CallActivity_Implement")
        .variables()
        .containsEntry("decidedBy", "sky");
    Assertions.assertThat(processEngine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(
                walk.child(request, "accommodation-implementation").getId())
            .singleResult()
            .getAssignee())
        .as("the new supervisor puts it in place")
        .isEqualTo("sky");
  }

  @Test
  void onlyHrMayReassignAndEveryMistakeIsNamed() {
    AccommodationWalk walk = new AccommodationWalk(processEngine);
    ProcessInstance request = walk.toSupervisorApproval();
    Rest rest = new Rest(port);

    Rest.Response bySupervisor = rest.postJson(
        "sam",
        "/engine-rest/process-definition/key/case-reassignment/start",
        Map.of(
            "variables",
            Map.of(
                "caseId",
                Map.of("value", request.getBusinessKey()),
                "role",
                Map.of("value", "supervisorId"))));
    Assertions.assertThat(bySupervisor.status()).as(bySupervisor.body()).isIn(403, 404);

    Assertions.assertThatThrownBy(() -> startReassignment("RA-2026-NOSUCH", "supervisorId"))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("PEERFLOW-ACC-006 No case 'RA-2026-NOSUCH'");

    ProcessInstance reassignment = startReassignment(request.getBusinessKey(), "supervisorId");
    Task choose = openTask(reassignment);
    Assertions.assertThatThrownBy(
            () -> completeAs("harper", choose, Map.of("newPerson", "pat", "reason", "typo")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining(
            "'pat', named as supervisorId of this case, is not a member of the group 'supervisors'");
    Assertions.assertThat(processEngine
            .getTaskService()
            .createTaskQuery()
            .taskId(choose.getId())
            .count())
        .as("nothing is lost: the task is still open")
        .isOne();

    // the bean checks who is logged in: a job or another process cannot lend HR's power
    Assertions.assertThatThrownBy(() -> processEngine
            .getTaskService()
            .complete(choose.getId(), Map.of("newPerson", "sky", "reason", "no login")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("PEERFLOW-ACC-004");
  }

  @Test
  void aSecondPeerSpecialistReadsNothingOfPatsClient() {
    ConsentWalk walk = new ConsentWalk(processEngine);
    ProcessInstance consent = walk.propose("standard");
    walk.decisionMaker(consent, "capable-adult", false);
    walk.offerPeer(consent, true);
    Rest rest = new Rest(port);

    EveryReadPath.assertNoneReveals(rest, "pia", "Robin Ames", consent.getId());
    EveryReadPath.assertNoneReveals(rest, "pia", "Olanzapine", consent.getId());
    Assertions.assertThat(rest.get("pat", "/engine-rest/task?processInstanceId=" + consent.getId())
            .json())
        .extracting(task -> task.get("taskDefinitionKey").asText())
        .containsExactly("Task_SupportSharedDecision");
    Assertions.assertThat(rest.get(
                "pat", "/engine-rest/history/process-instance?processInstanceId=" + consent.getId())
            .json())
        .hasSize(1);
  }

  @Test
  void aStepThatWouldReachNobodyIsRefusedAndTheCaseWaits() {
    ConsentWalk walk = new ConsentWalk(processEngine);
    ProcessInstance consent = walk.propose("standard");
    walk.decisionMaker(consent, "capable-adult", false);
    Task offer = openTask(consent);

    // the form hides the peer field until the client accepts, so only a client that skips it gets
    // here
    Rest.Response refused = new Rest(port)
        .postJson(
            "casey",
            "/engine-rest/task/" + offer.getId() + "/complete",
            Map.of("variables", Map.of("peerSupportAccepted", Map.of("value", "yes"))));
    Assertions.assertThat(refused.status()).isEqualTo(400);
    Assertions.assertThat(refused.body())
        .contains("PEERFLOW-ACC-001 The step 'Support the client's decision' would reach nobody");
    assertThat(consent).isWaitingAt("Task_OfferPeerSupport");
  }

  @Test
  void aPersonOutsideTheDeclaredGroupIsRefused() {
    AccommodationWalk walk = new AccommodationWalk(processEngine);
    ProcessInstance request = walk.toSupervisorApproval();
    // the supervisor's part starts with whoever HR named: here a peer specialist, by a REST client
    ProcessInstance approval = walk.approval(request);
    Assertions.assertThat(approval).isNotNull();
    Assertions.assertThatThrownBy(() -> processEngine
            .getRuntimeService()
            .createProcessInstanceByKey("accommodation-supervisor-approval")
            .setVariable("employeeName", "Alex")
            .setVariable("proposedAccommodation", "x")
            .setVariable("supervisorId", "pat")
            .execute())
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("PEERFLOW-ACC-002 'pat'");
  }

  @Test
  void anOperatorRetriesAFailedMailJobAndReadsNoCaseVariable() throws Exception {
    AccommodationWalk walk = new AccommodationWalk(processEngine);
    ProcessInstance request = walk.toSupervisorApproval();
    ProcessInstance approval = walk.approval(request);
    // a notice quoting the case, as the letters do
    String mailJobId = outbox.enqueue(
        "alex@employee.example",
        "Your accommodation",
        "Body with " + AT_WORK,
        request.getId(),
        Outbox.Content.CASE_DATA);
    SMTP.stop();
    try {
      for (int attempt = 0; attempt < 10 && jobRetries(mailJobId) > 0; attempt++) {
        Assertions.assertThatThrownBy(
            () -> processEngine.getManagementService().executeJob(mailJobId));
      }
    } finally {
      SMTP.start();
    }
    Job mailJob =
        processEngine.getManagementService().createJobQuery().jobId(mailJobId).singleResult();
    Assertions.assertThat(mailJob.getRetries()).isZero();
    Rest rest = new Rest(port);

    Assertions.assertThat(rest.get("oscar", "/engine-rest/incident?configuration=" + mailJobId)
            .json())
        .as("the incident Cockpit shows")
        .hasSize(1);
    Assertions.assertThat(
            rest.get("oscar", "/engine-rest/job?noRetriesLeft=true").body())
        .contains(mailJobId);
    Rest.Response retried = rest.call(
        "PUT",
        "oscar",
        "oscar",
        "/engine-rest/job/" + mailJob.getId() + "/retries",
        Map.of("retries", 1));
    Assertions.assertThat(retried.status()).as(retried.body()).isEqualTo(204);
    Assertions.assertThat(processEngine
            .getManagementService()
            .createJobQuery()
            .jobId(mailJob.getId())
            .singleResult()
            .getRetries())
        .isOne();

    for (String secret : List.of(AT_WORK, "Alex Morgan", "alex@employee.example")) {
      EveryReadPath.assertNoneReveals(rest, "oscar", secret, request.getId(), approval.getId());
      Assertions.assertThat(rest.get("oscar", "/engine-rest/job/" + mailJobId).body())
          .doesNotContain(secret);
    }
    Assertions.assertThat(
            rest.get("oscar", "/engine-rest/process-instance/" + approval.getId() + "/variables")
                .status())
        .isEqualTo(403);
    Assertions.assertThat(rest.get("oscar", "/engine-rest/process-instance/" + approval.getId())
            .status())
        .as("the instance itself, to find the incident")
        .isEqualTo(200);
    Assertions.assertThat(
            rest.get("harper", "/engine-rest/process-instance/" + request.getId() + "/variables")
                .body())
        .as("hr still reads its cases")
        .contains("Alex Morgan");
    processEngine.getManagementService().executeJob(mailJob.getId());
    Assertions.assertThat(SMTP.getReceivedMessages())
        .anySatisfy(mail -> Assertions.assertThat(mail.getAllRecipients()[0].toString())
            .isEqualTo("alex@employee.example"));
    Assertions.assertThat(processEngine
            .getRuntimeService()
            .createIncidentQuery()
            .configuration(mailJobId)
            .count())
        .isZero();
  }

  @Test
  void hrReplacesAConsentsTeamMemberAndItsPrescriber() {
    IdentityService identity = processEngine.getIdentityService();
    List<String> clinicians = List.of("cole", "cora");
    clinicians.forEach(id -> {
      User user = identity.newUser(id);
      user.setFirstName(id);
      user.setEmail(id + "@clinic.example");
      user.setPassword(id);
      identity.saveUser(user);
      identity.createMembership(id, "clinicians");
    });
    try {
      ConsentWalk walk = new ConsentWalk(processEngine);
      ProcessInstance consent = walk.propose("standard");
      Task check = openTask(consent);
      processEngine
          .getTaskService()
          .complete(
              check.getId(),
              Map.of(
                  "decisionMakerStatus",
                  "capable-adult",
                  "rogersPlanInForce",
                  false,
                  "substituteDecisionMaker",
                  "",
                  "legalStatusSource",
                  "Client record",
                  "treatingTeam",
                  TasklistValues.checklist("casey", "cole")));
      Rest rest = new Rest(port);

      // a team: HR chooses which member to replace; without the choice the step says so and waits
      ProcessInstance teamChange = startReassignment(consent.getBusinessKey(), "treatingTeam");
      assertThat(teamChange)
          .isWaitingAt("Task_ChooseNewPerson")
          .variables()
          .containsEntry("currentPerson", "casey,cole")
          .containsEntry("roleGroup", "clinicians");
      Task chooseMember = openTask(teamChange);
      Assertions.assertThatThrownBy(() ->
              completeAs("harper", chooseMember, Map.of("newPerson", "cora", "reason", "which?")))
          .isInstanceOf(ProcessEngineException.class)
          .hasMessageContaining("PEERFLOW-ACC-009");
      completeAs(
          "harper",
          chooseMember,
          Map.of("replacedPerson", "cole", "newPerson", "cora", "reason", "Cole left the team"));
      Assertions.assertThat(CasePeopleIds.of(
              processEngine.getRuntimeService().getVariable(consent.getId(), "treatingTeam")))
          .containsExactly("casey", "cora");
      Task offer = openTask(consent);
      Assertions.assertThat(candidateUsers(offer)).containsExactlyInAnyOrder("casey", "cora");
      EveryReadPath.assertReadsNothingOf(rest, "cole", consent.getId());
      Assertions.assertThat(
              rest.get("cora", "/engine-rest/task?processInstanceId=" + consent.getId())
                  .json())
          .hasSize(1);

      // the prescriber, who is also in the team: the address for notices follows the new
      // prescriber, and casey keeps the team's tasks and access
      completeAs(
          "harper",
          openTask(startReassignment(consent.getBusinessKey(), "prescriber")),
          Map.of("newPerson", "cole", "reason", "Dr. Casey hands over prescribing"));
      Assertions.assertThat(processEngine
              .getRuntimeService()
              .getVariables(consent.getId(), List.of("prescriber", "prescriberEmail")))
          .containsEntry("prescriber", "cole")
          .containsEntry("prescriberEmail", "cole@clinic.example");
      Assertions.assertThat(candidateUsers(offer))
          .containsExactlyInAnyOrder("casey", "cora", "cole");
      Assertions.assertThat(
              rest.get("casey", "/engine-rest/task?processInstanceId=" + consent.getId())
                  .json())
          .hasSize(1);
      Assertions.assertThat(rest.get(
                  "cole",
                  "/engine-rest/history/process-instance?processInstanceId=" + consent.getId())
              .json())
          .hasSize(1);
    } finally {
      clinicians.forEach(identity::deleteUser);
    }
  }

  private ProcessInstance startReassignment(String caseId, String role) {
    return as(
        "harper",
        () -> processEngine
            .getRuntimeService()
            .startProcessInstanceByKey(
                "case-reassignment", Map.of("caseId", caseId, "role", role)));
  }

  private Task openTask(ProcessInstance instance) {
    return processEngine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(instance.getId())
        .singleResult();
  }

  private void completeAs(String user, Task task, Map<String, Object> variables) {
    as(user, () -> {
      processEngine.getTaskService().complete(task.getId(), variables);
      return null;
    });
  }

  private List<String> candidateUsers(Task task) {
    return processEngine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(
            link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getUserId() != null)
        .map(IdentityLink::getUserId)
        .toList();
  }

  private int jobRetries(String jobId) {
    return processEngine
        .getManagementService()
        .createJobQuery()
        .jobId(jobId)
        .singleResult()
        .getRetries();
  }

  private boolean mayOpen(String user, String application) {
    List<String> groups =
        processEngine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
            .map(group -> group.getId())
            .toList();
    return processEngine
        .getAuthorizationService()
        .isUserAuthorized(
            user,
            groups,
            org.camunda.bpm.engine.authorization.Permissions.ACCESS,
            org.camunda.bpm.engine.authorization.Resources.APPLICATION,
            application);
  }

  private <T> T as(String user, Supplier<T> action) {
    List<String> groups =
        processEngine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
            .map(group -> group.getId())
            .toList();
    processEngine.getIdentityService().setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }
}
