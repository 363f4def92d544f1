package org.peerflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerflow.IntegrationTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Desktop Modeler's Deploy button and curl: POST /engine-rest/deployment/create. */
class RestDeploymentTest extends IntegrationTestBase {

  static final String PROCESS_OWNER = "owen";

  @Autowired
  TestRestTemplate rest;

  @Autowired
  RepositoryService repositoryService;

  @Test
  void aProcessOwnerDeploysADiagramWithItsFormsOverRest() {
    ResponseEntity<String> response = deploy(
        PROCESS_OWNER,
        "rest-valid",
        ModelFiles.VALID.resolve("deployment-demo.bpmn"),
        ModelFiles.VALID.resolve("deployment-demo-review.form"));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).contains("deployment-demo");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unclosed-tag.bpmn      | not a valid BPMN 2.0 diagram
      missing-form.bpmn      | uses form 'no-such-form' but this deployment has no form with that id
      no-history-ttl.bpmn    | History Time To Live
      unsupported-field.form | which the Camunda 7 Tasklist cannot render or store
      unterminated.form      | not valid JSON at line
      unknown-hit-policy.dmn | not a valid DMN decision table
      """)
  void aBrokenModelIsRefusedWithHttp400NamingTheFileAndTheRunningVersionStays(
      String brokenFile, String problem) {
    deploy(
        PROCESS_OWNER,
        "rest-before-" + brokenFile,
        ModelFiles.VALID.resolve("deployment-demo.bpmn"),
        ModelFiles.VALID.resolve("deployment-demo-review.form"));
    int runningVersion = latestDemoVersion();
    Path companion = brokenFile.endsWith(".form") || brokenFile.endsWith(".dmn")
        ? ModelFiles.VALID.resolve("deployment-demo.bpmn")
        : ModelFiles.VALID.resolve("deployment-demo-review.form");

    ResponseEntity<String> response = deploy(
        PROCESS_OWNER,
        "rest-broken-" + brokenFile,
        ModelFiles.BROKEN.resolve(brokenFile),
        companion,
        ModelFiles.VALID.resolve("deployment-demo-review.form"));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains(brokenFile).contains(problem);
    assertThat(repositoryService
            .createDeploymentQuery()
            .deploymentName("rest-broken-" + brokenFile)
            .count())
        .isZero();
    assertThat(latestDemoVersion()).isEqualTo(runningVersion);
  }

  private int latestDemoVersion() {
    return repositoryService
        .createProcessDefinitionQuery()
        .processDefinitionKey("deployment-demo")
        .latestVersion()
        .singleResult()
        .getVersion();
  }

  ResponseEntity<String> deploy(String user, String deploymentName, Path... files) {
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("deployment-name", deploymentName);
    body.add("deployment-source", "Camunda Modeler");
    for (Path file : files) {
      String name = file.getFileName().toString();
      body.add(name, new ByteArrayResource(ModelFiles.read(file)) {
        @Override
        public String getFilename() {
          return name;
        }
      });
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.withBasicAuth(user, user)
        .postForEntity(
            "/engine-rest/deployment/create", new HttpEntity<>(body, headers), String.class);
  }
}
