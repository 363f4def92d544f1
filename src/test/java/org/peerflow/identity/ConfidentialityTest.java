package org.peerflow.identity;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.peerflow.EveryReadPath;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Rest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Criminal-history data is readable by hr only (README, "Confidential data"), checked the way an
 * attacker would: as the demo supervisor over real HTTP, through every REST path that returns
 * variables, tasks or history. Camunda has no per-variable permission, so the finding lives in a
 * separate instance (confidential-demo-record) that only hr may read; the supervisors' case
 * (confidential-demo-case) receives nothing but the outcome.
 */
class ConfidentialityTest extends IntegrationTestBase {

  private static final String FINDING = "conviction 2015 (set aside)";
  /** Enough of the finding to catch it in any encoding or truncation. */
  private static final String SECRET = "conviction 2015";

  @LocalServerPort
  int port;

  private Rest rest() {
    return new Rest(port);
  }

  @Test
  void supervisorReadsNoCriminalHistoryThroughAnyRestPathWhileHrCan() {
    ProcessInstance caseInstance = startCaseAsHr();
    completeOnlyTaskAs("sam", caseInstance.getId(), Map.of("screeningNotes", "good interview"));
    ProcessInstance record = recordCheckOf(caseInstance);
    assertThat(record).isWaitingAt("Task_ReviewRecord");
    completeOnlyTaskAs("harper", record.getId(), Map.of("recordFinding", FINDING));

    // 1. the finding is a runtime variable of the running record check
    assertThat(record)
        .isWaitingAt("Task_DecideRecordOutcome")
        .variables()
        .containsEntry("recordFinding", FINDING);
    assertSamSeesNoFinding(caseInstance, record);
    Assertions.assertThat(rest()
            .get("harper", "/engine-rest/process-instance/" + record.getId() + "/variables")
            .body())
        .as("hr reads the record check's variables")
        .contains(SECRET);
    Assertions.assertThat(rest().get("harper", "/engine-rest/variable-instance").body())
        .contains(SECRET);

    completeOnlyTaskAs("harper", record.getId(), Map.of("recordOutcome", "clear"));

    // 2. back in the supervisors' case, which received the outcome and nothing else
    assertThat(record).isEnded();
    assertThat(caseInstance)
        .isWaitingAt("Task_DecideHire")
        .variables()
        .containsEntry("recordOutcome", "clear")
        .doesNotContainKey("recordFinding");
    assertSamSeesNoFinding(caseInstance, record);
    Assertions.assertThat(rest()
            .get("sam", "/engine-rest/process-instance/" + caseInstance.getId() + "/variables")
            .body())
        .as("sam does read his own case, so the checks above are not vacuous")
        .contains("recordOutcome");

    completeOnlyTaskAs("sam", caseInstance.getId(), Map.of("hireDecision", "hire"));

    // 3. everything is history now
    assertThat(caseInstance).isEnded();
    assertSamSeesNoFinding(caseInstance, record);
    Assertions.assertThat(rest()
            .get(
                "sam",
                "/engine-rest/history/variable-instance?processInstanceId=" + caseInstance.getId())
            .body())
        .contains("recordOutcome");
    Assertions.assertThat(rest()
            .get(
                "harper",
                "/engine-rest/history/variable-instance?processInstanceId=" + record.getId())
            .body())
        .as("hr reads the record check's history")
        .contains(SECRET);
    Assertions.assertThat(rest()
            .get("harper", "/engine-rest/history/detail?processInstanceId=" + record.getId())
            .body())
        .contains(SECRET);
  }

  @Test
  void supervisorCannotReadTheVariablesOfTheRecordCheck() {
    ProcessInstance caseInstance = startCaseAsHr();
    completeOnlyTaskAs("sam", caseInstance.getId(), Map.of());
    ProcessInstance record = recordCheckOf(caseInstance);
    completeOnlyTaskAs("harper", record.getId(), Map.of("recordFinding", FINDING));

    Rest.Response overRest =
        rest().get("sam", "/engine-rest/process-instance/" + record.getId() + "/variables");
    Assertions.assertThat(overRest.status()).as(overRest.body()).isEqualTo(403);

    processEngine.getIdentityService().setAuthentication("sam", List.of(Groups.SUPERVISORS));
    try {
      Assertions.assertThatThrownBy(() -> runtimeService().getVariables(record.getId()))
          .isInstanceOf(AuthorizationException.class);
      Assertions.assertThat(processEngine
              .getHistoryService()
              .createHistoricVariableInstanceQuery()
              .processInstanceId(record.getId())
              .list())
          .isEmpty();
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  private ProcessInstance startCaseAsHr() {
    String businessKey = "case-" + UUID.randomUUID();
    Rest.Response started = rest()
        .postJson(
            "harper",
            "/engine-rest/process-definition/key/confidential-demo-case/start",
            Map.of(
                "businessKey",
                businessKey,
                "variables",
                Map.of("applicantName", Map.of("value", "Alex Applicant", "type", "String"))));
    Assertions.assertThat(started.status()).as(started.body()).isEqualTo(200);
    ProcessInstance instance = runtimeService()
        .createProcessInstanceQuery()
        .processInstanceId(started.json().get("id").asText())
        .singleResult();
    assertThat(instance).isWaitingAt("Task_ScreenApplicant");
    return instance;
  }

  private ProcessInstance recordCheckOf(ProcessInstance caseInstance) {
    return runtimeService()
        .createProcessInstanceQuery()
        .superProcessInstanceId(caseInstance.getId())
        .singleResult();
  }

  /** Completes the one open task of an instance over REST, as a user who must be allowed to. */
  private void completeOnlyTaskAs(
      String user, String processInstanceId, Map<String, Object> values) {
    Rest.Response tasks =
        rest().get(user, "/engine-rest/task?processInstanceId=" + processInstanceId);
    Assertions.assertThat(tasks.json()).as(user + " sees the open task").hasSize(1);
    String taskId = tasks.json().get(0).get("id").asText();
    Map<String, Object> variables = new HashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value, "type", "String")));
    Rest.Response completed = rest()
        .postJson(
            user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
    Assertions.assertThat(completed.status()).as(completed.body()).isEqualTo(204);
  }

  private void assertSamSeesNoFinding(ProcessInstance caseInstance, ProcessInstance record) {
    EveryReadPath.assertNoneReveals(rest(), "sam", SECRET, caseInstance.getId(), record.getId());
    for (String path : List.of(
        "/engine-rest/task",
        "/engine-rest/history/variable-instance",
        "/engine-rest/history/detail")) {
      Assertions.assertThat(rest().get("sam", path).status()).as("GET " + path).isEqualTo(200);
    }
    Rest.Response childVariables =
        rest().get("sam", "/engine-rest/process-instance/" + record.getId() + "/variables");
    Assertions.assertThat(childVariables.body()).doesNotContain(SECRET);
    if (runtimeService()
            .createProcessInstanceQuery()
            .processInstanceId(record.getId())
            .count()
        > 0) {
      Assertions.assertThat(childVariables.status()).as(childVariables.body()).isEqualTo(403);
    } else {
      // Camunda answers a finished instance's runtime variables with a NullValueException (500)
      Assertions.assertThat(childVariables.status()).as(childVariables.body()).isIn(404, 500);
      Assertions.assertThat(childVariables.body()).contains("doesn't exist");
    }
  }
}
