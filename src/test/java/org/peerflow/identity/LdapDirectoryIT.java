package org.peerflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peerflow.PeerflowApplication;
import org.peerflow.browser.TasklistUser;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Profile {@code ldap} against a real (in-memory) LDAP directory: staff log in to REST and to the
 * Tasklist (headless Chromium) with their directory passwords, see their group's filters and tasks, and Peerflow writes nothing to the
 * directory. Its own Spring context (profile ldap), so an IT, not part of the shared test context.
 */
class LdapDirectoryIT {

  private static final String BASE_DN = "dc=peerflow,dc=test";
  private static final String MANAGER_DN = "cn=peerflow-reader," + BASE_DN;
  private static final String MANAGER_PASSWORD = "reader-" + System.nanoTime();
  private static final ObjectMapperHolder JSON = new ObjectMapperHolder();

  /** Directory staff: user id, group (Peerflow's group id as the group's cn). */
  private static final Map<String, String> STAFF = Map.of(
      "harper",
      "hr",
      "hana",
      "hr",
      "sam",
      "supervisors",
      "pat",
      "peer-specialists",
      "casey",
      "clinicians",
      "owen",
      "process-owners",
      "admin",
      "camunda-admin");

  private static InMemoryDirectoryServer directory;
  private static ConfigurableApplicationContext peerflow;
  private static String baseUrl;
  private static int entriesAtStart;

  @BeforeAll
  static void startDirectoryAndPeerflow() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
    config.addAdditionalBindCredentials(MANAGER_DN, MANAGER_PASSWORD);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
    directory = new InMemoryDirectoryServer(config);
    directory.add("dn: " + BASE_DN, "objectClass: domain", "dc: peerflow");
    directory.add("dn: ou=people," + BASE_DN, "objectClass: organizationalUnit", "ou: people");
    directory.add("dn: ou=groups," + BASE_DN, "objectClass: organizationalUnit", "ou: groups");
    STAFF
        .keySet()
        .forEach(id -> add(
            "dn: uid=" + id + ",ou=people," + BASE_DN,
            "objectClass: inetOrgPerson",
            "uid: " + id,
            "cn: " + id,
            "givenName: " + capitalized(id),
            "sn: Directory",
            "mail: " + id + "@directory.test",
            "userPassword: " + password(id)));
    for (String group : new java.util.TreeSet<>(STAFF.values())) {
      List<String> entry = new ArrayList<>(List.of(
          "dn: cn=" + group + ",ou=groups," + BASE_DN,
          "objectClass: groupOfNames",
          "cn: " + group));
      STAFF.forEach((id, g) -> {
        if (g.equals(group)) {
          entry.add("member: uid=" + id + ",ou=people," + BASE_DN);
        }
      });
      add(entry.toArray(String[]::new));
    }
    directory.startListening();
    entriesAtStart = directory.countEntries();

    peerflow = new SpringApplicationBuilder(PeerflowApplication.class)
        .profiles("ldap")
        .run(
            "--server.port=0",
            "--spring.datasource.url=jdbc:h2:mem:ldap-directory-it;DB_CLOSE_DELAY=-1",
            "--peerflow.data-dir=target/ldap-directory-it",
            "--peerflow.mail-sink.enabled=false",
            "--spring.mail.port=" + freePort(),
            "--peerflow.deployment.watch=false",
            "--camunda.bpm.job-execution.enabled=false",
            "--PEERFLOW_LDAP_URL=ldap://127.0.0.1:" + directory.getListenPort(),
            "--PEERFLOW_LDAP_MANAGER_DN=" + MANAGER_DN,
            "--PEERFLOW_LDAP_MANAGER_PASSWORD=" + MANAGER_PASSWORD,
            "--PEERFLOW_LDAP_BASE_DN=" + BASE_DN,
            "--PEERFLOW_ADMIN_USER=admin");
    baseUrl = "http://localhost:" + peerflow.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stop() {
    if (peerflow != null) {
      peerflow.close();
    }
    if (directory != null) {
      directory.shutDown(true);
    }
  }

  @Test
  void staffLogInWithTheirDirectoryPasswordsOnly() throws Exception {
    assertThat(get("harper", password("harper"), "/engine-rest/user/harper/profile")
            .status())
        .isEqualTo(200);
    assertThat(get("harper", password("harper"), "/engine-rest/user/harper/profile")
            .json()
            .get("email")
            .asText())
        .isEqualTo("harper@directory.test");
    assertThat(get("harper", "harper", "/engine-rest/user/harper/profile").status())
        .as("the demo password is not a directory password")
        .isEqualTo(401);
    assertThat(peerflow.getBean(ProcessEngine.class).getIdentityService().isReadOnly())
        .isTrue();
  }

  @Test
  void eachUserSeesHisGroupsFiltersAndTasks() throws Exception {
    // harper (hr) proposes a position: its first task is for hr
    Response started = post(
        "harper",
        password("harper"),
        "/engine-rest/process-definition/key/peer-position/start",
        "{\"variables\":{\"positionTitle\":{\"value\":\"Peer navigator\"},\"jurisdiction\":{\"value\":\"US-MA\"}}}");
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String instanceId = started.json().get("id").asText();

    assertThat(names(get("harper", password("harper"), "/engine-rest/filter").json()))
        .contains("My work", "My tasks", "HR")
        .doesNotContain("Supervisors", "Clinicians");
    assertThat(names(get("sam", password("sam"), "/engine-rest/filter").json()))
        .contains("My work", "Supervisors")
        .doesNotContain("HR");
    assertThat(names(get("casey", password("casey"), "/engine-rest/filter").json()))
        .contains("Clinicians")
        .doesNotContain("HR", "Supervisors");

    String tasksOfCase = "/engine-rest/task?processInstanceId=" + instanceId;
    assertThat(names(get("harper", password("harper"), tasksOfCase).json()))
        .containsExactly("Define the role with HR");
    assertThat(names(get("sam", password("sam"), tasksOfCase).json())).isEmpty();
    assertThat(names(get("pat", password("pat"), tasksOfCase).json())).isEmpty();
    assertThat(get("owen", password("owen"), "/engine-rest/group?member=owen").body())
        .contains("\"process-owners\"");
  }

  @Test
  void harperLogsInToTheTasklistWithHisDirectoryPasswordAndLandsOnHisWork() throws Exception {
    Response started = post(
        "harper",
        password("harper"),
        "/engine-rest/process-definition/key/peer-position/start",
        "{\"variables\":{\"positionTitle\":{\"value\":\"Peer coach\"},\"jurisdiction\":{\"value\":\"US-MA\"}}}");
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    int port = Integer.parseInt(peerflow.getEnvironment().getProperty("local.server.port"));

    try (TasklistUser harper = TasklistUser.login("harper", password("harper"), port)) {
      assertThat(harper.filters()).first().asString().startsWith("My work");
      org.awaitility.Awaitility.await("harper's work listed")
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> harper.listedTasks().contains("Define the role with HR"));
      assertThat(harper.filters())
          .noneMatch(filter -> filter.startsWith("Supervisors") || filter.startsWith("Clinicians"));
    }
  }

  @Test
  void peerflowWritesNothingToTheDirectory() {
    assertThat(directory.countEntries()).isEqualTo(entriesAtStart);
  }

  // --- helpers

  record Response(int status, String body) {
    JsonNode json() throws IOException {
      return JSON.mapper.readTree(body);
    }
  }

  private static final class ObjectMapperHolder {
    final com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper();
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Response get(String user, String password, String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Authorization", basic(user, password))
        .GET());
  }

  private static Response post(String user, String password, String path, String json)
      throws Exception {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Authorization", basic(user, password))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static Response send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> names(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(node -> node.get("name").asText())
        .toList();
  }

  /** Not the user id, so that a test passing proves the directory's password was checked. */
  private static String password(String userId) {
    return userId + "-directory-Pw1";
  }

  private static String capitalized(String id) {
    return Character.toUpperCase(id.charAt(0)) + id.substring(1);
  }

  private static void add(String... ldif) {
    try {
      directory.add(ldif);
    } catch (com.unboundid.ldap.sdk.LDAPException | com.unboundid.ldif.LDIFException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
