package org.peerflow.rest;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Rest;
import org.peerflow.hiring.HiringWalk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Fault drills over REST: two users on one task at once, and bad input. Each answer must be a
 * clear 4xx with a message (never 500), and a refused request changes nothing.
 */
class RestReliabilityTest extends IntegrationTestBase {

  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  TaskService taskService;

  Rest rest;
  HiringWalk walk;

  @BeforeEach
  void setUp() {
    rest = new Rest(port);
    walk = new HiringWalk(processEngine);
  }

  private static Map<String, Object> screening(boolean withDecision) {
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    if (withDecision) {
      variables.put("meetsPostedQualifications", Map.of("value", "yes"));
    }
    variables.put("screeningNotes", Map.of("value", "Meets the posting"));
    return Map.of("variables", variables);
  }

  @Test
  void twoUsersCompletingOneTaskAtOnceGiveOneSuccessAndOneConflict() throws Exception {
    for (int round = 0; round < 4; round++) {
      ProcessInstance application = walk.apply(walk.openPosition("US-MA"));
      String taskId = task("Task_ScreenApplication", application).getId();
      List<Rest.Response> answers = atOnce(
          () ->
              rest.postJson("harper", "/engine-rest/task/" + taskId + "/complete", screening(true)),
          () ->
              rest.postJson("hana", "/engine-rest/task/" + taskId + "/complete", screening(true)));

      Assertions.assertThat(answers).extracting(Rest.Response::status).containsOnlyOnce(204);
      Rest.Response loser =
          answers.stream().filter(a -> a.status() != 204).findFirst().orElseThrow();
      Assertions.assertThat(loser.status()).as(loser.body()).isIn(404, 409);
      Assertions.assertThat(loser.json().path("message").asText()).isNotBlank();
      // the process moved exactly once
      Assertions.assertThat(taskService
              .createTaskQuery()
              .processInstanceId(application.getId())
              .taskDefinitionKey("Task_InterviewSupervisor")
              .count())
          .isEqualTo(1);
    }
  }

  @Test
  void twoUsersClaimingOneTaskAtOnceGiveOneOwnerAndOneConflict() throws Exception {
    for (int round = 0; round < 4; round++) {
      ProcessInstance application = walk.apply(walk.openPosition("US-MA"));
      String taskId = task("Task_ScreenApplication", application).getId();
      List<Rest.Response> answers = atOnce(
          () -> rest.postJson(
              "harper", "/engine-rest/task/" + taskId + "/claim", Map.of("userId", "harper")),
          () -> rest.postJson(
              "hana", "/engine-rest/task/" + taskId + "/claim", Map.of("userId", "hana")));

      Assertions.assertThat(answers).extracting(Rest.Response::status).containsOnlyOnce(204);
      Rest.Response loser =
          answers.stream().filter(a -> a.status() != 204).findFirst().orElseThrow();
      Assertions.assertThat(loser.status()).as(loser.body()).isEqualTo(409);
      Assertions.assertThat(loser.json().path("message").asText()).isNotBlank();
      Task claimed = taskService.createTaskQuery().taskId(taskId).singleResult();
      Assertions.assertThat(claimed.getAssignee()).isIn("harper", "hana");
    }
  }

  // ------------------------------------------------------------------ races, one step at a time
  // Each drill puts the other user's request at the one moment where the race hurts, so that the
  // answer is the same on every run (the drills above depend on timing and may miss it).

  @Test
  void claimingATaskAnotherUserHoldsIsAConflict() {
    String taskId = screeningTask();
    Assertions.assertThat(claim("hana", taskId).status()).isEqualTo(204);

    Rest.Response answer = claim("harper", taskId);

    assertStatus(answer, 409);
    Assertions.assertThat(answer.json().path("message").asText())
        .contains("is already claimed by someone else");
    Assertions.assertThat(
            taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee())
        .isEqualTo("hana");
  }

  @Test
  void claimingOrCompletingATaskAnotherUserCompletedSaysItIsGone() {
    String taskId = screeningTask();
    Assertions.assertThat(claim("hana", taskId).status()).isEqualTo(204);
    Assertions.assertThat(complete("hana", taskId).status()).isEqualTo(204);

    Rest.Response claimed = claim("harper", taskId);
    Rest.Response completed = complete("harper", taskId);

    assertStatus(claimed, 404);
    Assertions.assertThat(claimed.json().path("message").asText()).contains("Cannot find task");
    assertStatus(completed, 409);
    Assertions.assertThat(completed.json().path("message").asText())
        .contains("was completed by someone else");
  }

  /** Was 403: the claim had read the task, then met the completed task's removed authorizations. */
  @Test
  void aClaimThatACompletionOvertakesAfterItReadTheTaskSaysItIsGone() {
    String taskId = screeningTask();
    List<Rest.Response> hana = new ArrayList<>();

    Rest.Response answer = beforePermissionCheck(
        () -> {
          hana.add(claim("hana", taskId));
          hana.add(complete("hana", taskId));
        },
        () -> claim("harper", taskId));

    Assertions.assertThat(hana).extracting(Rest.Response::status).containsExactly(204, 204);
    assertStatus(answer, 404);
    Assertions.assertThat(answer.json().path("message").asText())
        .contains("was completed by someone else");
  }

  /** Was 403 in the benchmark's HTTP load ('complete 403'), the same moment for a completion. */
  @Test
  void aCompletionThatAnotherCompletionOvertakesAfterItReadTheTaskIsAConflict() {
    String taskId = screeningTask();
    List<Rest.Response> hana = new ArrayList<>();

    Rest.Response answer = beforePermissionCheck(
        () -> hana.add(complete("hana", taskId)), () -> complete("harper", taskId));

    Assertions.assertThat(hana).extracting(Rest.Response::status).containsExactly(204);
    assertStatus(answer, 409);
    Assertions.assertThat(answer.json().path("message").asText())
        .contains("was completed by someone else");
  }

  @Test
  void aClaimThatAnotherUsersClaimOvertakesAfterItReadTheTaskIsAConflict() {
    String taskId = screeningTask();
    List<Rest.Response> hana = new ArrayList<>();

    Rest.Response answer =
        beforePermissionCheck(() -> hana.add(claim("hana", taskId)), () -> claim("harper", taskId));

    Assertions.assertThat(hana).extracting(Rest.Response::status).containsExactly(204);
    assertStatus(answer, 409);
    Assertions.assertThat(
            taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee())
        .isEqualTo("hana");
  }

  /** Was 500: both claims inserted harper's authorization on the task, the database refused the second. */
  @Test
  void oneUsersSecondClaimOfATaskAtTheSameMomentIsAConflict() {
    String taskId = claimRaceTask();
    List<Rest.Response> faster = new ArrayList<>();
    ClaimHook.AFTER_ASSIGNMENT.set(() -> faster.add(claim("harper", taskId)));

    Rest.Response slower;
    try {
      slower = claim("harper", taskId);
    } finally {
      ClaimHook.AFTER_ASSIGNMENT.set(null);
    }

    Assertions.assertThat(faster).extracting(Rest.Response::status).containsExactly(204);
    assertStatus(slower, 409);
    Assertions.assertThat(slower.json().path("message").asText())
        .contains("claimed by another request at the same moment");
    Assertions.assertThat(
            taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee())
        .isEqualTo("harper");
  }

  @Test
  void aCompletionWithoutARequiredFormFieldIsRefusedAndChangesNothing() {
    ProcessInstance application = walk.apply(walk.openPosition("US-MA"));
    String taskId = task("Task_ScreenApplication", application).getId();

    Rest.Response answer =
        rest.postJson("harper", "/engine-rest/task/" + taskId + "/complete", screening(false));

    Assertions.assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    Assertions.assertThat(answer.json().path("message").asText())
        .contains("meetsPostedQualifications")
        .contains("application-screening")
        .contains("not completed");
    assertThat(application).isWaitingAt("Task_ScreenApplication");
    Assertions.assertThat(runtimeService.getVariable(application.getId(), "screeningNotes"))
        .isNull();

    // the same completion with the field passes
    Assertions.assertThat(
            rest.postJson("harper", "/engine-rest/task/" + taskId + "/complete", screening(true))
                .status())
        .isEqualTo(204);
    assertThat(application).isWaitingAt("Task_InterviewSupervisor", "Task_InterviewPeer");
  }

  @Test
  void aChecklistSentAsTheTasklistSendsItIsStoredAndAnEmptyOneIsMissing() {
    ProcessInstance position = walk.proposePosition("US-MA");
    String taskId = task("Task_DefineRole", position).getId();
    Map<String, Object> role = defineRoleAnswers();

    role.put("keyFunctions", Map.of("type", "Json", "value", "[]"));
    Rest.Response empty = rest.postJson(
        "harper", "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", role));
    Assertions.assertThat(empty.status()).as(empty.body()).isEqualTo(400);
    Assertions.assertThat(empty.json().path("message").asText())
        .contains("keyFunctions")
        .contains("not completed");
    assertThat(position).isWaitingAt("Task_DefineRole");

    role.put("keyFunctions", Map.of("type", "Json", "value", "[\"navigator\",\"bridger\"]"));
    Rest.Response ticked = rest.postJson(
        "harper", "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", role));
    Assertions.assertThat(ticked.status()).as(ticked.body()).isIn(200, 204);
    assertThat(position).isWaitingAt("Task_ConfirmRole");
    Rest.Response stored = rest.get(
        "harper", "/engine-rest/process-instance/" + position.getId() + "/variables/keyFunctions");
    Assertions.assertThat(stored.json().path("type").asText()).isEqualTo("Json");
    Assertions.assertThat(stored.json().path("value").toString())
        .isEqualTo("[\"navigator\",\"bridger\"]");
  }

  @Test
  void anObjectVariableNamingAnArbitraryJavaClassIsNeverDeserialized() {
    ProcessInstance position = walk.proposePosition("US-MA");
    String taskId = task("Task_DefineRole", position).getId();
    Map<String, Object> role = defineRoleAnswers();
    role.put(
        "probe",
        Map.of(
            "type",
            "Object",
            "value",
            "\"http://example.org\"",
            "valueInfo",
            Map.of(
                "objectTypeName", "java.net.URL", "serializationDataFormat", "application/json")));
    Rest.Response sent = rest.postJson(
        "harper", "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", role));
    Assertions.assertThat(sent.status()).as(sent.body()).isIn(200, 204);

    Rest.Response read = rest.get(
        "harper", "/engine-rest/process-instance/" + position.getId() + "/variables/probe");
    Assertions.assertThat(read.status())
        .as("reading it deserialized: " + read.body())
        .isBetween(400, 599);
    Assertions.assertThat(read.body()).contains("java.net.URL");
    Assertions.assertThat(rest.get(
                "harper",
                "/engine-rest/process-instance/" + position.getId()
                    + "/variables/probe?deserializeValue=false")
            .status())
        .as("its serialized form stays readable")
        .isEqualTo(200);
  }

  private static Map<String, Object> defineRoleAnswers() {
    return new java.util.HashMap<>(Map.of(
        "keyFunctions",
        Map.of("type", "Json", "value", "[\"navigator\"]"),
        "primaryQualifications",
        Map.of("type", "Json", "value", "[\"lived-experience\"]"),
        "classification",
        Map.of("value", "Peer Specialist II"),
        "payGrade",
        Map.of("value", "PS-2"),
        "jobRelatedOffenses",
        Map.of("value", "None"),
        "offenseJustification",
        Map.of("value", "None"),
        "hiringManager",
        Map.of("value", "sam"),
        "interviewPeer",
        Map.of("value", "pat")));
  }

  @Test
  void badInputIsAClear4xxAndChangesNothing() {
    String position = walk.openPosition("US-MA");
    long applications = applications();

    // malformed JSON
    Rest.Response malformed = raw(
        "harper",
        "/engine-rest/process-definition/key/fair-chance-hiring/start",
        "{\"variables\": {\"positionId\": {\"value\": \"" + position + "\"");
    // Camunda's own answer: 400, type InvalidRequestException (its message is sometimes empty)
    Assertions.assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);

    // a variable of the wrong type
    Rest.Response wrongType = rest.postJson(
        "harper",
        "/engine-rest/process-definition/key/fair-chance-hiring/start",
        Map.of(
            "variables",
            Map.of(
                "positionId",
                Map.of("value", position),
                "applicantName",
                Map.of("value", "Jordan Rivera"),
                "applicantEmail",
                Map.of("value", "jordan@example.org"),
                "livedExperienceAttested",
                Map.of("value", "certainly", "type", "Boolean"),
                "accommodationRequested",
                Map.of("value", "abc", "type", "Integer"))));
    assertClear4xx(wrongType, 400);

    // an unknown message, and a known message for an unknown business key
    assertClear4xx(
        rest.postJson(
            "harper",
            "/engine-rest/message",
            Map.of("messageName", "NoSuchMessage", "businessKey", "APP-NOPE")),
        400);
    assertClear4xx(
        rest.postJson(
            "harper",
            "/engine-rest/message",
            Map.of("messageName", "ApplicationWithdrawn", "businessKey", "APP-2026-NO-SUCH-CASE")),
        400);

    // an oversized payload (6 MB in one variable)
    Rest.Response oversized = rest.postJson(
        "harper",
        "/engine-rest/process-definition/key/fair-chance-hiring/start",
        Map.of(
            "variables",
            Map.of(
                "positionId",
                Map.of("value", position),
                "applicantName",
                Map.of("value", "x".repeat(6 * 1024 * 1024)),
                "applicantEmail",
                Map.of("value", "jordan@example.org"))));
    assertClear4xx(oversized, 413);

    Assertions.assertThat(applications()).isEqualTo(applications);
  }

  private Rest.Response claim(String user, String taskId) {
    return rest.postJson(user, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user));
  }

  private Rest.Response complete(String user, String taskId) {
    return rest.postJson(user, "/engine-rest/task/" + taskId + "/complete", screening(true));
  }

  private String screeningTask() {
    return task("Task_ScreenApplication", walk.apply(walk.openPosition("US-MA")))
        .getId();
  }

  private static void assertStatus(Rest.Response answer, int status) {
    Assertions.assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    Assertions.assertThat(answer.json().path("message").asText())
        .as(answer.body())
        .isNotBlank();
  }

  /**
   * Sends {@code request} and runs {@code otherUser} inside it once, after the engine read the task
   * and before it checks the user's permission on it: a command checker placed before Camunda's
   * own is called at exactly that point, and removed again afterwards.
   */
  private Rest.Response beforePermissionCheck(
      Runnable otherUser, java.util.function.Supplier<Rest.Response> request) {
    List<CommandChecker> checkers = ((ProcessEngineConfigurationImpl)
            processEngine.getProcessEngineConfiguration())
        .getCommandCheckers();
    AtomicBoolean pending = new AtomicBoolean(true);
    CommandChecker hook = (CommandChecker) Proxy.newProxyInstance(
        CommandChecker.class.getClassLoader(),
        new Class<?>[] {CommandChecker.class},
        (proxy, method, args) -> {
          // the other user's own request passes here too: only the first call is the moment
          if (method.getName().equals("checkTaskWork") && pending.getAndSet(false)) {
            otherUser.run();
          }
          return null;
        });
    checkers.add(0, hook);
    try {
      return request.get();
    } finally {
      checkers.removeIf(checker -> checker == hook);
    }
  }

  /**
   * A task of a small test process whose assignment listener runs {@link ClaimHook#AFTER_ASSIGNMENT}:
   * inside a claim, after the engine looked up the claimer's authorizations and before it writes.
   */
  private String claimRaceTask() {
    String key = "rest-race-claim";
    processEngine
        .getRepositoryService()
        .createDeployment()
        .name(key)
        .enableDuplicateFiltering(true)
        .addModelInstance(
            key + ".bpmn",
            Bpmn.createExecutableProcess(key)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Claim")
                .camundaCandidateGroups("hr")
                .camundaFormRef(key)
                .camundaFormRefBinding("deployment")
                .endEvent()
                .done())
        .addString(
            key + ".form",
            "{\"schemaVersion\": 16, \"type\": \"default\", \"id\": \"" + key
                + "\", \"components\": []}")
        .deploy();
    // the hook is attached to the parsed definition, as a parse listener would: a model may not
    // carry Java classes (org.peerflow.sandbox)
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    String definitionId = processEngine
        .getRepositoryService()
        .createProcessDefinitionQuery()
        .processDefinitionKey(key)
        .latestVersion()
        .singleResult()
        .getId();
    configuration.getCommandExecutorTxRequired().execute(commandContext -> {
      org.camunda.bpm.engine.impl.task.TaskDefinition claimTask =
          ((org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior) configuration
                  .getDeploymentCache()
                  .findDeployedProcessDefinitionById(definitionId)
                  .findActivity("Task_Claim")
                  .getActivityBehavior())
              .getTaskDefinition();
      if (claimTask.getTaskListenersForEvent(TaskListener.EVENTNAME_ASSIGNMENT).stream()
          .noneMatch(ClaimHook.class::isInstance)) {
        claimTask.addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, new ClaimHook());
      }
      return null;
    });
    return taskService
        .createTaskQuery()
        .processInstanceId(runtimeService.startProcessInstanceByKey(key).getId())
        .singleResult()
        .getId();
  }

  public static class ClaimHook implements TaskListener {
    static final AtomicReference<Runnable> AFTER_ASSIGNMENT = new AtomicReference<>();

    @Override
    public void notify(DelegateTask task) {
      Runnable hook = AFTER_ASSIGNMENT.getAndSet(null);
      if (hook != null) {
        hook.run();
      }
    }
  }

  private long applications() {
    return runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey("fair-chance-hiring")
        .count();
  }

  private static void assertClear4xx(Rest.Response answer, int status) {
    Assertions.assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    Assertions.assertThat(answer.json().path("message").asText())
        .as(answer.body())
        .isNotBlank();
  }

  private Rest.Response raw(String user, String path, String body) {
    try {
      var request = java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://localhost:" + port + path))
          .header("Content-Type", "application/json")
          .header(
              "Authorization",
              "Basic "
                  + java.util.Base64.getEncoder().encodeToString((user + ":" + user).getBytes()))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
          .build();
      var response = java.net.http.HttpClient.newHttpClient()
          .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Rest.Response(response.statusCode(), response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @SafeVarargs
  private static List<Rest.Response> atOnce(java.util.function.Supplier<Rest.Response>... calls)
      throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(calls.length);
    List<CompletableFuture<Rest.Response>> futures = new ArrayList<>();
    for (var call : calls) {
      futures.add(CompletableFuture.supplyAsync(
          () -> {
            try {
              barrier.await();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            return call.get();
          },
          java.util.concurrent.Executors.newSingleThreadExecutor()));
    }
    List<Rest.Response> answers = new ArrayList<>();
    for (var future : futures) {
      answers.add(future.get());
    }
    return answers;
  }
}
