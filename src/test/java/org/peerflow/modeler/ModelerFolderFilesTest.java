package org.peerflow.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerflow.IntegrationTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Where files are the source of truth, what the web modeler deploys lands in the model folders too,
 * so Desktop Modeler and git see what the engine runs. The suite never writes into the repository's
 * own folders: the writer is off in the test profile and pointed at a temporary folder here.
 */
class ModelerFolderFilesTest extends IntegrationTestBase {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final Path REPOSITORY_FORM =
      Path.of("src/test/resources/test-models/test-forms/calendar-demo-respond.form");

  @LocalServerPort
  int port;

  @Autowired
  ModelFiles modelFiles;

  @TempDir
  Path temporary;

  @Test
  void aDeployedFormIsWrittenIntoItsFolderAndTheRepositoryStaysAsItWas() throws Exception {
    byte[] repositoryBefore = Files.readAllBytes(REPOSITORY_FORM);
    String form = latestContent("form", "calendar-demo-respond");
    String edited = form.replace("\"label\": \"Response\"", "\"label\": \"Your response\"");
    assertThat(edited).isNotEqualTo(form);
    Path formsFolder = temporary.resolve("test-forms");

    Date startedAt = new Date(System.currentTimeMillis() - 1000);
    HttpResponse<String> answer;
    try (AutoCloseable pointed =
        modelFiles.writeInto(List.of(temporary.resolve("test-processes"), formsFolder))) {
      answer = send("POST", "/modeler/api/models/form/calendar-demo-respond/deploy", edited);
    }

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    Path written = formsFolder.resolve("calendar-demo-respond.form");
    assertThat(written).hasContent(edited);
    assertThat(latestContent("form", "calendar-demo-respond"))
        .as("the file is what the engine runs")
        .isEqualTo(edited);
    assertThat(new ObjectMapper().readTree(answer.body()).path("files").toString())
        .contains(written.toString());
    assertThat(Files.readAllBytes(REPOSITORY_FORM))
        .as("the repository's own folder is untouched")
        .isEqualTo(repositoryBefore);

    // later tests run against the folders' versions
    processEngine
        .getRepositoryService()
        .createDeploymentQuery()
        .deploymentSource(ModelerApi.SOURCE)
        .deploymentAfter(startedAt)
        .list()
        .forEach(deployment ->
            processEngine.getRepositoryService().deleteDeployment(deployment.getId(), true));
  }

  @Test
  void aRefusedDeploymentWritesNothing() throws Exception {
    String diagram = latestContent("bpmn", "fair-chance-hiring");
    // the background-check authorization straight after the application: refused by the guard
    String broken = diagram
        .replaceFirst(
            "(?s)(<bpmn:startEvent id=\"StartEvent_ApplicationReceived\".*?)(</bpmn:startEvent>)",
            "$1<bpmn:outgoing>Flow_TooEarly</bpmn:outgoing>$2")
        .replaceFirst(
            "</bpmn:process>",
            "<bpmn:sequenceFlow id=\"Flow_TooEarly\" sourceRef=\"StartEvent_ApplicationReceived\" targetRef=\"Task_RecordCheckAuthorization\" /></bpmn:process>");

    HttpResponse<String> answer;
    try (AutoCloseable pointed =
        modelFiles.writeInto(List.of(temporary.resolve("processes"), temporary.resolve("forms")))) {
      answer = send("POST", "/modeler/api/models/bpmn/fair-chance-hiring/deploy", broken);
    }

    assertThat(answer.statusCode()).isEqualTo(422);
    assertThat(temporary).isEmptyDirectory();
  }

  @Test
  void aDiagramIsCheckedAndDeployedWithTheProcessesItCallsFromTheirFiles() throws Exception {
    String diagram = latestContent("bpmn", "fair-chance-hiring");
    JsonNode withCalls = new ObjectMapper()
        .readTree(send("POST", "/modeler/api/models/bpmn/fair-chance-hiring/check", diagram)
            .body());
    assertThat(withCalls.path("findings")).isEmpty();
    assertThat(withCalls.path("resources").toString())
        .as("the called processes with their own forms")
        .contains(
            "processes/fair-chance-record-review.bpmn",
            "forms/check-result.form",
            "processes/fair-chance-former-client.bpmn",
            "forms/former-client-review.form");

    // the called process's file, not its deployed version, is what goes with the diagram
    Path processes = Files.createDirectories(temporary.resolve("processes"));
    Files.writeString(processes.resolve("fair-chance-record-review.bpmn"), "<definitions>broken");
    HttpResponse<String> answer;
    try (AutoCloseable pointed =
        modelFiles.writeInto(List.of(processes, temporary.resolve("forms")))) {
      answer = send("POST", "/modeler/api/models/bpmn/fair-chance-hiring/check", diagram);
    }
    assertThat(new ObjectMapper().readTree(answer.body()).path("findings").toString())
        .contains("fair-chance-record-review.bpmn");
  }

  @Test
  void aResourceIsWrittenOnlyInsideTheFolderOfItsName() throws Exception {
    Path processes = temporary.resolve("processes");
    try (AutoCloseable pointed = modelFiles.writeInto(List.of(processes))) {
      assertThat(modelFiles.fileFor("processes/hiring.bpmn"))
          .contains(processes.resolve("hiring.bpmn"));
      assertThat(modelFiles.fileFor("processes/../../escape.bpmn")).isEmpty();
      assertThat(modelFiles.fileFor("forms/hiring.form"))
          .as("no configured folder named forms")
          .isEmpty();
      assertThat(modelFiles.fileFor("hiring.bpmn")).isEmpty();
    }
    assertThat(modelFiles.writing()).as("off in the test profile").isFalse();
  }

  private String latestContent(String type, String key) throws Exception {
    JsonNode versions = new ObjectMapper()
        .readTree(send("GET", "/modeler/api/models/" + type + "/" + key + "/versions", null)
            .body());
    return send(
            "GET",
            "/modeler/api/models/" + type + "/" + key + "/versions/"
                + versions.get(0).path("version").asText() + "/content",
            null)
        .body();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "text/plain;charset=UTF-8")
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString("owen:owen".getBytes(StandardCharsets.UTF_8)))
        .header(ModelerAccess.CSRF_HEADER, "1")
        .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
