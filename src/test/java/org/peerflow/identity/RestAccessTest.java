package org.peerflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Rest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class RestAccessTest extends IntegrationTestBase {

  private static final String DEPLOYMENT_NAME = "identity-rest-probe";

  @LocalServerPort
  int port;

  @Autowired
  RepositoryService repositoryService;

  @AfterEach
  void removeProbeDeployments() {
    repositoryService
        .createDeploymentQuery()
        .deploymentName(DEPLOYMENT_NAME)
        .list()
        .forEach(deployment -> repositoryService.deleteDeployment(deployment.getId(), true));
  }

  @Test
  void anonymousCallerCannotReadTheRestApi() {
    Rest.Response response = new Rest(port).get(null, "/engine-rest/task");

    assertThat(response.status()).isEqualTo(401);
  }

  @Test
  void supervisorCannotDeploy() {
    Rest.Response response = deployAs("sam", "identity-probe-by-sam");

    assertThat(response.status()).as(response.body()).isEqualTo(403);
    assertThat(repositoryService
            .createDeploymentQuery()
            .deploymentName(DEPLOYMENT_NAME)
            .count())
        .isZero();
    assertThat(repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey("identity-probe-by-sam")
            .count())
        .isZero();
  }

  @Test
  void processOwnerDeploysLikeDesktopModelerAndTheDiagramsAccessApplies() {
    Rest.Response response = deployAs("owen", "identity-probe-by-owen");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey("identity-probe-by-owen")
            .count())
        .isEqualTo(1);
    Deployment deployment = repositoryService
        .createDeploymentQuery()
        .deploymentName(DEPLOYMENT_NAME)
        .singleResult();
    assertThat(deployment).isNotNull();
    // the post-deployer wrote these although owen himself may not grant anything
    assertThat(processEngine
            .getAuthorizationService()
            .isUserAuthorized(
                "harper",
                List.of(Groups.HR),
                ProcessDefinitionPermissions.CREATE_INSTANCE,
                Resources.PROCESS_DEFINITION,
                "identity-probe-by-owen"))
        .isTrue();
    assertThat(processEngine
            .getAuthorizationService()
            .isUserAuthorized(
                "sam",
                List.of(Groups.SUPERVISORS),
                ProcessDefinitionPermissions.READ_INSTANCE,
                Resources.PROCESS_DEFINITION,
                "identity-probe-by-owen"))
        .isTrue();
  }

  private Rest.Response deployAs(String user, String key) {
    return new Rest(port)
        .postMultipart(
            user,
            "/engine-rest/deployment/create",
            Map.of("deployment-name", DEPLOYMENT_NAME, "deployment-source", "Camunda Modeler"),
            Map.of(
                key + ".bpmn",
                ProbeModels.bpmn(key, Groups.HR, "hr,supervisors"),
                key + ".form",
                ProbeModels.form(key)));
  }
}
