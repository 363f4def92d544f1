package org.peerflow;

import static org.assertj.core.api.Assertions.fail;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.peerflow.accommodation.AccommodationWalk;
import org.peerflow.consent.ConsentWalk;
import org.peerflow.hiring.HiringWalk;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every {@code curl} command in README.md's indented code blocks, run with the real curl binary
 * exactly as a reader would paste it (from the repository root), after the state the README
 * describes has been prepared. Only two things are substituted: the documented server address
 * {@code http://localhost:8080} becomes the test server, and the README's placeholders
 * ({@code <position-id>} and the like) become the prepared case's id. Options that only write the
 * answer somewhere ({@code -s -o file -w '%{http_code}'}) are appended; the command's own
 * arguments are never changed. A README curl command this test has no walk for fails the test.
 */
class ReadmeCommandsTest extends IntegrationTestBase {

  private static final Path README = Path.of("README.md");
  private static final String DOCUMENTED_SERVER = "http://localhost:8080";
  private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z][a-z0-9-]*>");
  /** The placeholders README.md declares ("a word in angle brackets is a placeholder for your case's id"). */
  private static final Set<String> DOCUMENTED_PLACEHOLDERS =
      Set.of("<position-id>", "<application-id>", "<case-id>", "<consent-id>");

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  /** A README command this test knows: what identifies it, and how to walk it. */
  private record Walk(
      String name,
      String identifiedBy,
      Function<String, Map<String, String>> prepare,
      Verification verify) {}

  @FunctionalInterface
  private interface Verification {
    void check(ReadmeCommand command, Map<String, String> ids, CurlAnswer answer) throws Exception;
  }

  record ReadmeCommand(int line, String text) {
    String firstLine() {
      return text.lines().findFirst().orElse("").trim();
    }

    /** The JSON body of {@code -d '...'}, as the README wrote it. */
    JsonNode jsonBody() throws IOException {
      Matcher body = Pattern.compile("-d '(.*)'", Pattern.DOTALL).matcher(text);
      Assertions.assertThat(body.find())
          .as("README line %d: a -d '<json>' body", line)
          .isTrue();
      return JSON.readTree(body.group(1));
    }
  }

  record CurlAnswer(int status, String body, String stderr) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }

    @Override
    public String toString() {
      return "HTTP " + status + " " + body
          + (stderr.isBlank() ? "" : " (curl: " + stderr.trim() + ")");
    }
  }

  private List<Walk> walks() {
    HiringWalk hiring = new HiringWalk(processEngine);
    AccommodationWalk accommodation = new AccommodationWalk(processEngine);
    ConsentWalk consent = new ConsentWalk(processEngine);
    return List.of(
        new Walk(
            "start an application",
            "/engine-rest/process-definition/key/fair-chance-hiring/start",
            command -> Map.of("<position-id>", hiring.openPosition("US-MA")),
            this::applicationStarted),
        new Walk(
            "the applicant's response",
            "\"ApplicantResponseReceived\"",
            command -> {
              ProcessInstance application = hiring.toOffer("US-MA");
              hiring.toResponseWait(application);
              return Map.of("<application-id>", application.getBusinessKey());
            },
            this::responseRecorded),
        new Walk(
            "medical documentation received",
            "\"MedicalDocumentationReceived\"",
            command -> {
              ProcessInstance request = accommodation.toAfterMeeting("yes");
              accommodation.requestDocumentation(request);
              return Map.of("<case-id>", request.getBusinessKey());
            },
            this::documentationRecorded),
        new Walk(
            "consent withdrawn",
            "\"ConsentWithdrawn\"",
            command -> Map.of("<consent-id>", consent.consented().getBusinessKey()),
            this::withdrawalRecorded),
        new Walk(
            "deploy a diagram with its forms",
            "/engine-rest/deployment/create",
            command -> Map.of(),
            this::deployedWithItsForms),
        new Walk(
            "list the models in the web modeler's API",
            "/modeler/api/models",
            command -> Map.of(),
            this::modelsListed),
        new Walk(
            "place a legal hold",
            "\"EEOC charge",
            command -> Map.of(
                "<application-id>", hiring.apply(hiring.openPosition("US-MA")).getBusinessKey()),
            this::holdPlaced),
        new Walk(
            "see a case's hold",
            "harper:harper http://localhost:8080/peerflow/api/cases/<application-id>/hold",
            command -> Map.of("<application-id>", heldApplication(hiring)),
            this::holdShown),
        new Walk(
            "lift a legal hold",
            "/hold/lift",
            command -> Map.of("<application-id>", heldApplication(hiring)),
            this::holdLifted),
        new Walk(
            "export the case record",
            "/record",
            command -> Map.of(
                "<application-id>", hiring.apply(hiring.openPosition("US-MA")).getBusinessKey()),
            this::recordExported));
  }

  private String heldApplication(HiringWalk hiring) {
    String application = hiring.apply(hiring.openPosition("US-MA")).getBusinessKey();
    Rest.Response placed = new Rest(port)
        .postJson(
            "harper",
            "/peerflow/api/cases/" + application + "/hold",
            Map.of("reason", "Charge filed"));
    Assertions.assertThat(placed.status()).as(placed.body()).isEqualTo(201);
    return application;
  }

  private JsonNode holdState(String application) throws IOException {
    Rest.Response state =
        new Rest(port).get("harper", "/peerflow/api/cases/" + application + "/hold");
    Assertions.assertThat(state.status()).as(state.body()).isEqualTo(200);
    return state.json();
  }

  /** "a member of hr puts the case on hold by its business key, with a reason": 201, and it is held. */
  private void holdPlaced(ReadmeCommand command, Map<String, String> ids, CurlAnswer answer)
      throws Exception {
    Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    Assertions.assertThat(holdState(ids.get("<application-id>")).path("held").asBoolean())
        .isTrue();
  }

  /** The hold state: held, with its history (who, when, why). */
  private void holdShown(ReadmeCommand command, Map<String, String> ids, CurlAnswer answer)
      throws Exception {
    Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    Assertions.assertThat(answer.json().path("held").asBoolean())
        .as(answer.toString())
        .isTrue();
    Assertions.assertThat(answer.body()).contains("Charge filed").contains("harper");
  }

  /** Lifting: 200, and the case is no longer held. */
  private void holdLifted(ReadmeCommand command, Map<String, String> ids, CurlAnswer answer)
      throws Exception {
    Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    Assertions.assertThat(holdState(ids.get("<application-id>")).path("held").asBoolean())
        .isFalse();
  }

  /** "One HTML page ... with every instance of the case": the applicant's case, as HR exports it. */
  private void recordExported(ReadmeCommand command, Map<String, String> ids, CurlAnswer answer)
      throws Exception {
    Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    Assertions.assertThat(answer.body())
        .containsIgnoringCase("<html")
        .contains(ids.get("<application-id>"))
        .contains("Jordan Rivera");
  }

  @TestFactory
  Stream<DynamicTest> everyCurlCommandInTheReadmeRunsAsWrittenAndDoesWhatTheReadmeSays() {
    List<ReadmeCommand> commands = readmeCurlCommands();
    List<Walk> walks = walks();
    Assertions.assertThat(commands)
        .as("curl commands in the indented code blocks of README.md")
        .isNotEmpty();
    // a walk whose command left the README would otherwise pass by never running
    Assertions.assertThat(walks)
        .allSatisfy(walk -> Assertions.assertThat(commands)
            .as(
                "README.md no longer has the curl command to '%s' (%s); remove its walk from ReadmeCommandsTest",
                walk.name(), walk.identifiedBy())
            .anyMatch(command -> command.text().contains(walk.identifiedBy())));
    return commands.stream()
        .map(command -> DynamicTest.dynamicTest(
            "README line " + command.line() + ": " + command.firstLine(),
            () -> walkThrough(command, walks)));
  }

  private void walkThrough(ReadmeCommand command, List<Walk> walks) throws Exception {
    List<Walk> matching = walks.stream()
        .filter(walk -> command.text().contains(walk.identifiedBy()))
        .toList();
    if (matching.size() != 1) {
      fail(
          "README.md line %d has a curl command that ReadmeCommandsTest %s; add a walk that prepares its state and "
              + "checks its documented effect:%n%s",
          command.line(),
          matching.isEmpty()
              ? "does not know how to prepare"
              : "matches more than once (" + matching + ")",
          command.text());
    }
    Walk walk = matching.get(0);
    Map<String, String> ids = walk.prepare().apply(command.text());
    CurlAnswer answer = runAsWritten(command, ids);
    Assertions.assertThat(answer.status())
        .as("README line %d must never answer 5xx: %s", command.line(), answer)
        .isLessThan(500);
    walk.verify().check(command, ids, answer);
  }

  // ------------------------------------------------------------------ what each README command
  // claims

  /** "An applicant portal ... starts the application": the case holds what was sent; the rest takes its default. */
  private void applicationStarted(ReadmeCommand command, Map<String, String> ids, CurlAnswer answer)
      throws Exception {
    Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    ProcessInstance application = processEngine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceId(answer.json().get("id").asText())
        .singleResult();
    Assertions.assertThat(application.getBusinessKey())
        .as("the generated application id")
        .matches("APP-\\d{4}-[A-Z2-9]{6}");
    Map<String, Object> variables =
        processEngine.getRuntimeService().getVariables(application.getId());
    sentVariables(command.jsonBody().get("variables"), ids)
        .forEach((name, value) -> Assertions.assertThat(variables)
            .as("the documented start variable %s", name)
            .containsEntry(name, value));
    Assertions.assertThat(variables)
        .as("the documented defaults")
        .containsEntry("accommodationRequested", false)
        .containsEntry("livedExperienceAttested", false);
    assertThat(application).isWaitingAt("Task_ScreenApplication");
  }

  /**
   * "The applicant's answer arrives as a message": the HR-only review goes on with it — to the
   * dispute first when the answer disputes the report's accuracy, as the README's example does.
   */
  private void responseRecorded(ReadmeCommand command, Map<String, String> ids, CurlAnswer answer)
      throws Exception {
    Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(204);
    ProcessInstance review = processEngine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey("fair-chance-record-review")
        .processInstanceBusinessKey(ids.get("<application-id>"))
        .singleResult();
    boolean disputes = command
        .jsonBody()
        .path("processVariables")
        .path("disputesAccuracy")
        .path("value")
        .asBoolean(false);
    assertThat(review).isWaitingAt(disputes ? "Task_ResolveDispute" : "Task_Reassess");
    Map<String, Object> variables = processEngine.getRuntimeService().getVariables(review.getId());
    sentVariables(command.jsonBody().get("processVariables"), ids)
        .forEach((name, value) -> Assertions.assertThat(variables)
            .as("the message's variable %s", name)
            .containsEntry(name, value));
  }

  /** "the documents are recorded": in the HR-only review, never in the case the supervisor's part comes from. */
  private void documentationRecorded(
      ReadmeCommand command, Map<String, String> ids, CurlAnswer answer) throws Exception {
    Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(204);
    String caseId = ids.get("<case-id>");
    ProcessInstance review = processEngine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey("accommodation-medical-review")
        .processInstanceBusinessKey(caseId)
        .singleResult();
    assertThat(review).isWaitingAt("Task_ReviewDocumentation");
    Map<String, Object> variables = processEngine.getRuntimeService().getVariables(review.getId());
    sentVariables(command.jsonBody().get("processVariables"), ids)
        .forEach((name, value) -> Assertions.assertThat(variables)
            .as("the message's variable %s", name)
            .containsEntry(name, value));
    ProcessInstance request = processEngine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey("accommodation-request")
        .processInstanceBusinessKey(caseId)
        .singleResult();
    Assertions.assertThat(processEngine.getRuntimeService().getVariables(request.getId()))
        .doesNotContainKey("medicalDocumentation");
  }

  /** "The consent becomes inactive (consentActive=false, withdrawnAt) ... the prescriber gets Plan safe discontinuation." */
  private void withdrawalRecorded(ReadmeCommand command, Map<String, String> ids, CurlAnswer answer)
      throws Exception {
    Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(204);
    ProcessInstance consent = processEngine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey("informed-consent")
        .processInstanceBusinessKey(ids.get("<consent-id>"))
        .singleResult();
    assertThat(consent).isWaitingAt("Task_PlanSafeDiscontinuation");
    Map<String, Object> variables = processEngine.getRuntimeService().getVariables(consent.getId());
    Assertions.assertThat(variables)
        .containsEntry("consentActive", false)
        .containsKey("withdrawnAt");
    sentVariables(command.jsonBody().get("processVariables"), ids)
        .forEach((name, value) -> Assertions.assertThat(variables)
            .as("the message's variable %s", name)
            .containsEntry(name, value));
    Task discontinuation = processEngine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(consent.getId())
        .taskDefinitionKey("Task_PlanSafeDiscontinuation")
        .singleResult();
    Assertions.assertThat(discontinuation.getAssignee())
        .as("the prescriber")
        .isEqualTo(variables.get("prescriber"));
  }

  /** "include the diagram's forms in the deployment": every file of the command is deployed, and the diagram finds its forms. */
  private void modelsListed(ReadmeCommand command, Map<String, String> ids, CurlAnswer answer)
      throws Exception {
    Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    Assertions.assertThat(answer.json().findValuesAsText("key"))
        .contains("fair-chance-hiring", "conditional-offer");
  }

  private void deployedWithItsForms(
      ReadmeCommand command, Map<String, String> ids, CurlAnswer answer) throws Exception {
    Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    String deploymentId = answer.json().get("id").asText();
    try {
      checkDeployedWithItsForms(command, deploymentId);
    } finally {
      // the suite shares this engine: peer-position's latest version stays the folders' one
      processEngine.getRepositoryService().deleteDeployment(deploymentId, true);
    }
  }

  private void checkDeployedWithItsForms(ReadmeCommand command, String deploymentId)
      throws IOException {
    Set<String> uploaded = new TreeSet<>();
    Matcher file = Pattern.compile("-F\\s+[\\w-]+=@(\\S+)").matcher(command.text());
    while (file.find()) {
      uploaded.add(Path.of(file.group(1)).getFileName().toString());
    }
    Set<String> deployed =
        processEngine.getRepositoryService().getDeploymentResources(deploymentId).stream()
            .map(resource -> resource.getName())
            .collect(Collectors.toCollection(TreeSet::new));
    Assertions.assertThat(deployed).isEqualTo(uploaded).isNotEmpty();

    ProcessDefinition diagram = processEngine
        .getRepositoryService()
        .createProcessDefinitionQuery()
        .deploymentId(deploymentId)
        .singleResult();
    ProcessInstance started = processEngine
        .getRuntimeService()
        .startProcessInstanceById(
            diagram.getId(),
            Map.of(
                "positionTitle", "Peer Specialist - README deployment", "jurisdiction", "US-MA"));
    Task firstTask = processEngine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(started.getId())
        .singleResult();
    UserTask declared = processEngine
        .getRepositoryService()
        .getBpmnModelInstance(diagram.getId())
        .getModelElementById(firstTask.getTaskDefinitionKey());
    try (InputStream form = processEngine.getFormService().getDeployedTaskForm(firstTask.getId())) {
      Assertions.assertThat(JSON.readTree(form).get("id").asText())
          .as("the first task's form, found in the deployment the README command made")
          .isEqualTo(declared.getCamundaFormRef());
    }
  }

  // ------------------------------------------------------------------ what the README says is
  // refused

  @Test
  void theDocumentedStartForAnUnknownPositionIsRefusedWithHttp400AndStartsNothing()
      throws Exception {
    ReadmeCommand start =
        readmeCommand("/engine-rest/process-definition/key/fair-chance-hiring/start");
    long applications = applicationCount();

    CurlAnswer answer = runAsWritten(start, Map.of("<position-id>", "POS-2026-NOSUCH"));

    Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    Assertions.assertThat(answer.json().get("message").asText())
        .isEqualTo("There is no position 'POS-2026-NOSUCH'.");
    Assertions.assertThat(applicationCount()).as("nothing is started").isEqualTo(applications);
  }

  @Test
  void theDocumentedStartWithoutTheApplicantsEmailIsRefusedWithHttp400NamingIt() throws Exception {
    ReadmeCommand documented =
        readmeCommand("/engine-rest/process-definition/key/fair-chance-hiring/start");
    ReadmeCommand withoutEmail = new ReadmeCommand(
        documented.line(),
        documented.text().replaceFirst(",\\s*\"applicantEmail\":\\s*\\{[^}]*\\}", ""));
    Assertions.assertThat(withoutEmail.text())
        .as("the README's start command sends applicantEmail")
        .doesNotContain("applicantEmail");
    String position = new HiringWalk(processEngine).openPosition("US-MA");
    long applications = applicationCount();

    CurlAnswer answer = runAsWritten(withoutEmail, Map.of("<position-id>", position));

    Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    Assertions.assertThat(answer.json().get("message").asText())
        .contains("'applicantEmail'")
        .contains("is missing");
    Assertions.assertThat(applicationCount()).as("nothing is started").isEqualTo(applications);
  }

  @Test
  void theDocumentedResponseForAnUnknownApplicationIsRefusedWithHttp400AndChangesNothing()
      throws Exception {
    ReadmeCommand response = readmeCommand("\"ApplicantResponseReceived\"");
    long responsesRecorded = processEngine
        .getHistoryService()
        .createHistoricVariableInstanceQuery()
        .variableName("applicantResponse")
        .count();

    CurlAnswer answer = runAsWritten(response, Map.of("<application-id>", "APP-2026-NOSUCH"));

    Assertions.assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    Assertions.assertThat(processEngine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .variableName("applicantResponse")
            .count())
        .as("no response is recorded anywhere")
        .isEqualTo(responsesRecorded);
  }

  // ------------------------------------------------------------------ reading and running the
  // README

  private long applicationCount() {
    return processEngine
        .getHistoryService()
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey("fair-chance-hiring")
        .count();
  }

  private static ReadmeCommand readmeCommand(String identifiedBy) {
    List<ReadmeCommand> found = readmeCurlCommands().stream()
        .filter(command -> command.text().contains(identifiedBy))
        .toList();
    Assertions.assertThat(found)
        .as("the README's curl command with %s", identifiedBy)
        .hasSize(1);
    return found.get(0);
  }

  /**
   * The curl commands of README.md's indented code blocks (4 or more spaces after a blank line,
   * also inside list items). A command goes on over lines ending in a backslash and over the
   * lines of a single-quoted argument (the JSON bodies span lines).
   */
  static List<ReadmeCommand> readmeCurlCommands() {
    List<String> lines;
    try {
      lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "README.md must be readable from the working directory (the repository root)", e);
    }
    List<ReadmeCommand> commands = new ArrayList<>();
    boolean inCodeBlock = false;
    boolean previousBlank = true;
    StringBuilder command = null;
    int commandLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean blank = line.isBlank();
      boolean indented = line.startsWith("    ");
      inCodeBlock = indented && !blank && (inCodeBlock || previousBlank);
      previousBlank = blank;
      if (command != null) {
        command.append('\n').append(line.strip());
        if (isComplete(command)) {
          commands.add(new ReadmeCommand(commandLine, command.toString()));
          command = null;
        }
      } else if (inCodeBlock && line.strip().startsWith("curl ")) {
        command = new StringBuilder(line.strip());
        commandLine = i + 1;
        if (isComplete(command)) {
          commands.add(new ReadmeCommand(commandLine, command.toString()));
          command = null;
        }
      }
    }
    Assertions.assertThat(command)
        .as("README.md ends inside the curl command of line %d", commandLine)
        .isNull();
    return commands;
  }

  private static boolean isComplete(CharSequence command) {
    long quotes = command.chars().filter(c -> c == '\'').count();
    return quotes % 2 == 0 && !command.toString().endsWith("\\");
  }

  /**
   * Runs the command with bash and the real curl from the repository root, the documented
   * server and placeholders replaced, the answer's status and body written by appended options.
   */
  private CurlAnswer runAsWritten(ReadmeCommand command, Map<String, String> ids)
      throws IOException, InterruptedException {
    String text = command.text();
    Assertions.assertThat(text)
        .as("README line %d: every command goes to the documented server", command.line())
        .contains(DOCUMENTED_SERVER);
    Matcher placeholders = PLACEHOLDER.matcher(text);
    while (placeholders.find()) {
      String placeholder = placeholders.group();
      Assertions.assertThat(DOCUMENTED_PLACEHOLDERS)
          .as(
              "README line %d: %s is not one of the README's placeholders",
              command.line(), placeholder)
          .contains(placeholder);
      Assertions.assertThat(ids)
          .as("README line %d: the walk prepares no id for %s", command.line(), placeholder)
          .containsKey(placeholder);
    }
    for (Map.Entry<String, String> id : ids.entrySet()) {
      text = text.replace(id.getKey(), id.getValue());
    }
    text = text.replace(DOCUMENTED_SERVER, "http://localhost:" + port);

    Path body = Files.createTempFile("readme-curl-", ".body");
    Path status = Files.createTempFile("readme-curl-", ".status");
    Path errors = Files.createTempFile("readme-curl-", ".stderr");
    try {
      Process curl = new ProcessBuilder(
              "bash", "-c", text + " -s -S -o '" + body + "' -w '%{http_code}'")
          .directory(
              Path.of("").toAbsolutePath().toFile()) // the README's relative @processes/... paths
          .redirectOutput(status.toFile())
          .redirectError(errors.toFile())
          .start();
      if (!curl.waitFor(60, TimeUnit.SECONDS)) {
        curl.destroyForcibly();
        fail("README line %d: curl did not finish within a minute", command.line());
      }
      String stderr = Files.readString(errors);
      Assertions.assertThat(curl.exitValue())
          .as("curl's exit code for README line %d: %s", command.line(), stderr)
          .isZero();
      return new CurlAnswer(
          Integer.parseInt(Files.readString(status).trim()), Files.readString(body), stderr);
    } finally {
      Files.deleteIfExists(body);
      Files.deleteIfExists(status);
      Files.deleteIfExists(errors);
    }
  }

  /** The {@code {"name": {"value": ...}}} variables a README body sends, placeholders replaced, as Java values. */
  private static Map<String, Object> sentVariables(JsonNode variables, Map<String, String> ids) {
    Assertions.assertThat(variables).as("variables in the README's JSON body").isNotNull();
    Map<String, Object> sent = new LinkedHashMap<>();
    variables.fields().forEachRemaining(variable -> {
      JsonNode value = variable.getValue().get("value");
      sent.put(
          variable.getKey(),
          value.isBoolean()
              ? (Object) value.asBoolean()
              : ids.getOrDefault(value.asText(), value.asText()));
    });
    return sent;
  }
}
