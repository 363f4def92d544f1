package org.peerflow.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may use the web modeler, over real HTTP: members of process-owners and camunda-admin only,
 * and the API only with the modeler's header (no cross-site calls). Also the dry-run check: it
 * reports the compliance guard's finding on the element and deploys nothing.
 */
class ModelerAccessTest extends IntegrationTestBase {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  @Test
  void aSupervisorIsRefusedThePageAndTheApi() throws Exception {
    assertThat(send("GET", "/modeler", "sam", true, null).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/modeler/api/models", "sam", true, null).statusCode())
        .isEqualTo(403);
    assertThat(
            send("POST", "/modeler/api/models/bpmn/fair-chance-hiring/check", "sam", true, "<x/>")
                .statusCode())
        .isEqualTo(403);
    assertThat(send(
                "POST",
                "/modeler/api/models/bpmn/fair-chance-hiring/versions/1/restore",
                "sam",
                true,
                null)
            .statusCode())
        .isEqualTo(403);
  }

  @Test
  void anonymousCallersAreAskedToLogIn() throws Exception {
    HttpResponse<String> page = send("GET", "/modeler", null, true, null);
    assertThat(page.statusCode()).isEqualTo(401);
    assertThat(page.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertThat(send("GET", "/modeler/api/models", null, true, null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void processOwnersAndAdministratorsGetThePageAndTheModels() throws Exception {
    HttpResponse<String> page = send("GET", "/modeler", "owen", false, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("camunda-platform-modeler.production.min.js");
    assertThat(send(
                "GET",
                "/modeler/vendor/camunda-bpmn-js/dist/camunda-platform-modeler.production.min.js",
                null,
                false,
                null)
            .statusCode())
        .as("the editor is served from the jar")
        .isEqualTo(200);

    JsonNode models = new ObjectMapper()
        .readTree(send("GET", "/modeler/api/models", "admin", true, null).body());
    assertThat(models.findValuesAsText("key"))
        .contains("fair-chance-hiring", "hiring-record-rules", "check-authorization");
  }

  @Test
  void theApiRefusesACallWithoutTheModelerHeader() throws Exception {
    assertThat(send("GET", "/modeler/api/models", "owen", false, null).statusCode())
        .isEqualTo(403);
    assertThat(
            send("POST", "/modeler/api/models/bpmn/fair-chance-hiring/check", "owen", false, "<x/>")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void aCheckPlacesTheGuardsFindingOnTheTaskAndDeploysNothing() throws Exception {
    long deploymentsBefore =
        processEngine.getRepositoryService().createDeploymentQuery().count();
    String version = new ObjectMapper()
            .readTree(send("GET", "/modeler/api/models", "owen", true, null).body())
            .findParents("key")
            .stream()
            .filter(m -> m.path("key").asText().equals("fair-chance-hiring"))
            .findFirst()
            .orElseThrow()
            .path("version")
            .asText();
    String diagram = send(
            "GET",
            "/modeler/api/models/bpmn/fair-chance-hiring/versions/" + version + "/content",
            "owen",
            true,
            null)
        .body();
    // the background-check authorization straight after the application, before the conditional
    // offer, written as bpmn-js writes a new connection (with the start event's outgoing reference)
    String broken = diagram
        .replaceFirst(
            "(?s)(<bpmn:startEvent id=\"StartEvent_ApplicationReceived\".*?)(</bpmn:startEvent>)",
            "$1<bpmn:outgoing>Flow_TooEarly</bpmn:outgoing>$2")
        .replaceFirst(
            "</bpmn:process>",
            "<bpmn:sequenceFlow id=\"Flow_TooEarly\" sourceRef=\"StartEvent_ApplicationReceived\" targetRef=\"Task_RecordCheckAuthorization\" /></bpmn:process>");
    assertThat(broken).isNotEqualTo(diagram);

    JsonNode refused = new ObjectMapper()
        .readTree(
            send("POST", "/modeler/api/models/bpmn/fair-chance-hiring/check", "owen", true, broken)
                .body());
    JsonNode passed = new ObjectMapper()
        .readTree(
            send("POST", "/modeler/api/models/bpmn/fair-chance-hiring/check", "owen", true, diagram)
                .body());

    assertThat(refused.path("findings").findValuesAsText("rule")).contains("ban-the-box");
    assertThat(refused.path("findings").findParents("rule").stream()
            .filter(f -> f.path("rule").asText().equals("ban-the-box"))
            .map(f -> f.path("elementId").asText()))
        .contains("Task_RecordCheckAuthorization");
    assertThat(refused.path("resources").toString())
        .contains("processes/fair-chance-hiring.bpmn", "forms/check-authorization.form");
    assertThat(passed.path("findings")).isEmpty();
    assertThat(processEngine.getRepositoryService().createDeploymentQuery().count())
        .isEqualTo(deploymentsBefore);
  }

  private HttpResponse<String> send(
      String method, String path, String user, boolean modelerHeader, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + path))
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "text/plain;charset=UTF-8");
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    if (modelerHeader) {
      request.header(ModelerAccess.CSRF_HEADER, "1");
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
