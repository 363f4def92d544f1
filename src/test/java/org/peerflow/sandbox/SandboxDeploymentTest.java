package org.peerflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Rest;
import org.peerflow.deployment.FolderDeployments;
import org.peerflow.sandbox.EscalationModels.Escalation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every way a deployed model could do more than its starter is refused before anything is
 * stored: over REST (Desktop Modeler's Deploy) as a process owner and as an administrator, and
 * from the model folders; the refusal names the file, the element and the code; owen's groups
 * and grants stay as they were.
 */
class SandboxDeploymentTest extends IntegrationTestBase {

  private static final String PROCESS_OWNER = "owen";
  private static final String ADMINISTRATOR = "admin";

  @Autowired
  RepositoryService repositoryService;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  IdentityService identityService;

  @Autowired
  AuthorizationService authorizationService;

  @LocalServerPort
  int port;

  @TempDir
  Path root;

  static Stream<Arguments> attempts() {
    return EscalationModels.all().stream()
        .flatMap(escalation -> Stream.of(
            Arguments.of(escalation, "REST as " + PROCESS_OWNER),
            Arguments.of(escalation, "REST as " + ADMINISTRATOR),
            Arguments.of(escalation, "folders")));
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("attempts")
  void anEscalationIsRefusedNamingFileElementAndCodeAndNothingChanges(
      Escalation escalation, String channel) {
    long deploymentsBefore = repositoryService.createDeploymentQuery().count();
    List<String> groupsBefore = groupsOf(PROCESS_OWNER);
    long grantsBefore = grantsOf(PROCESS_OWNER, groupsBefore);

    String refusal = channel.equals("folders")
        ? deployFromFolders(escalation)
        : deployOverRest(escalation, channel.substring(8));

    assertThat(refusal)
        .startsWith("Deployment refused: ")
        .contains(
            escalation.file(),
            "sandbox: ",
            escalation.element(),
            escalation.code(),
            escalation.reason());
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);
    assertThat(repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey("sandbox-probe")
            .count())
        .isZero();
    assertThat(groupsOf(PROCESS_OWNER)).isEqualTo(groupsBefore).doesNotContain("hr");
    assertThat(grantsOf(PROCESS_OWNER, groupsBefore)).isEqualTo(grantsBefore);
  }

  /**
   * The control: a method call on a value is refused, while what Peerflow's own models do —
   * variables, Peerflow's functions, execution.setVariable, the business key — deploys and runs.
   */
  @Test
  void aModelUsingVariablesPeerflowFunctionsAndExecutionVariablesDeploysAndRuns() {
    String model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="Definitions_SandboxAllowed" targetNamespace="http://peerflow.org/test">
          <bpmn:process id="sandbox-allowed" name="Sandbox allowed" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Allowed" />
            <bpmn:sequenceFlow id="Flow_In" sourceRef="StartEvent_Allowed" targetRef="Task_Compute" />
            <bpmn:task id="Task_Compute" name="Compute">
              <bpmn:extensionElements>
                <camunda:executionListener event="start"
                    expression="${execution.setVariable('due', businessDays.after(days))}" />
                <camunda:executionListener event="end"
                    expression="${execution.setVariable('summary', execution.processBusinessKey.concat(' due in ').concat(execution.getVariable('days')))}" />
              </bpmn:extensionElements>
            </bpmn:task>
            <bpmn:sequenceFlow id="Flow_Out" sourceRef="Task_Compute" targetRef="Wait_Allowed" />
            <bpmn:receiveTask id="Wait_Allowed" name="Wait" />
          </bpmn:process>
        </bpmn:definitions>
        """;
    Rest.Response response = new Rest(port)
        .postMultipart(
            PROCESS_OWNER,
            "/engine-rest/deployment/create",
            Map.of("deployment-name", "sandbox-allowed"),
            Map.of("sandbox-allowed.bpmn", model.getBytes(StandardCharsets.UTF_8)));
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().path("message").asText())
        .contains("Task_Compute", "calls concat() on a computed value");

    String allowed = model.replace(
        "execution.processBusinessKey.concat(' due in ').concat(execution.getVariable('days'))",
        "empty execution.processBusinessKey ? 'none' : execution.processBusinessKey");
    response = new Rest(port)
        .postMultipart(
            PROCESS_OWNER,
            "/engine-rest/deployment/create",
            Map.of("deployment-name", "sandbox-allowed"),
            Map.of("sandbox-allowed.bpmn", allowed.getBytes(StandardCharsets.UTF_8)));
    assertThat(response.status()).as(response.body()).isEqualTo(200);

    ProcessInstance instance =
        runtimeService.startProcessInstanceByKey("sandbox-allowed", "case-1", Map.of("days", 2));
    assertThat(runtimeService.getVariable(instance.getId(), "due"))
        .isInstanceOf(java.util.Date.class);
    assertThat(runtimeService.getVariable(instance.getId(), "summary")).isEqualTo("case-1");
    runtimeService.deleteProcessInstance(instance.getId(), "test done");
  }

  private String deployOverRest(Escalation escalation, String user) {
    Rest.Response response = new Rest(port)
        .postMultipart(
            user,
            "/engine-rest/deployment/create",
            Map.of("deployment-name", "sandbox-attempt", "deployment-source", "Camunda Modeler"),
            Map.of(escalation.file(), escalation.xml().getBytes(StandardCharsets.UTF_8)));
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    return response.json().path("message").asText();
  }

  private String deployFromFolders(Escalation escalation) {
    try {
      Files.createDirectories(root.resolve("processes"));
      Files.writeString(root.resolve("processes").resolve(escalation.file()), escalation.xml());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(
            () -> FolderDeployments.deployFolders(repositoryService, root, "sandbox-attempt"))
        .isInstanceOf(ParseException.class)
        .satisfies(e -> thrown[0] = e);
    return thrown[0].getMessage();
  }

  private List<String> groupsOf(String user) {
    return identityService.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId)
        .sorted()
        .toList();
  }

  private long grantsOf(String user, List<String> groups) {
    return authorizationService.createAuthorizationQuery().userIdIn(user).count()
        + authorizationService
            .createAuthorizationQuery()
            .groupIdIn(groups.toArray(String[]::new))
            .count();
  }
}
