package org.peerflow.cases;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Rest;
import org.peerflow.hiring.HiringWalk;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's table "Start variables over REST": each process starts over REST with its required
 * variables alone, the optional ones taking their documented defaults, and a start missing any
 * required one is HTTP 400 naming it, with nothing started.
 */
class StartVariablesOverRestTest extends IntegrationTestBase {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @LocalServerPort
  int port;

  /** Who starts the process in the README's walk, and the variables the table lists as required. */
  private record Start(String starter, Map<String, Object> required) {}

  private Start requiredOnly(String processKey) {
    String unique = "t" + System.nanoTime() % 100000 + "-" + SEQUENCE.incrementAndGet();
    Map<String, Object> required = new LinkedHashMap<>();
    return switch (processKey) {
      case "fair-chance-hiring" -> {
        required.put("positionId", new HiringWalk(processEngine).openPosition("US-MA"));
        required.put("applicantName", "Jordan Rivera");
        required.put("applicantEmail", "applicant-" + unique + "@applicant.example");
        yield new Start("harper", required);
      }
      case "accommodation-request" -> {
        required.put("employeeName", "Alex Morgan");
        required.put("employeeEmail", "emp-" + unique + "@employee.example");
        required.put("channel", "phone");
        yield new Start("harper", required);
      }
      case "informed-consent" -> {
        required.put("clientName", "Robin Ames");
        required.put("proposedTreatment", "Sertraline 50 mg by mouth daily for 8 weeks");
        required.put("treatmentKind", "standard");
        required.put("clientTeamEmail", "team-" + unique + "@clinic.example");
        yield new Start("casey", required);
      }
      default -> throw new IllegalArgumentException(processKey);
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"fair-chance-hiring", "accommodation-request", "informed-consent"})
  void theRequiredStartVariablesAloneStartTheCaseAndTheOptionalOnesTakeTheirDocumentedDefaults(
      String processKey) {
    Start start = requiredOnly(processKey);

    Rest.Response response = startOverRest(processKey, start.starter(), start.required());

    Assertions.assertThat(response.status()).as(response.body()).isEqualTo(200);
    ProcessInstance started = processEngine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceId(response.json().get("id").asText())
        .singleResult();
    Map<String, Object> variables = processEngine.getRuntimeService().getVariables(started.getId());
    Assertions.assertThat(variables).containsAllEntriesOf(start.required());
    switch (processKey) {
      case "fair-chance-hiring" -> {
        Assertions.assertThat(started.getBusinessKey()).startsWith("APP-");
        Assertions.assertThat(variables)
            .containsEntry("accommodationRequested", false)
            .containsEntry("livedExperienceAttested", false);
      }
      case "accommodation-request" -> {
        Assertions.assertThat(started.getBusinessKey()).startsWith("RA-");
        Assertions.assertThat(variables)
            .containsEntry("requestPath", "employee")
            .containsEntry("requestedBy", "Alex Morgan")
            .containsEntry("accommodationPolicy", "default")
            .containsKey("requestDate")
            .as("started by hr: no supervisor named, any member of supervisors approves")
            .containsEntry("supervisorId", null);
      }
      default -> {
        Assertions.assertThat(started.getBusinessKey()).startsWith("IC-");
        Assertions.assertThat(variables)
            .as("the clinician who starts it prescribes")
            .containsEntry("prescriber", "casey");
      }
    }
  }

  @ParameterizedTest(name = "{0} without {1}")
  @CsvSource({
    "fair-chance-hiring, positionId", "fair-chance-hiring, applicantName",
        "fair-chance-hiring, applicantEmail",
    "accommodation-request, employeeName", "accommodation-request, employeeEmail",
        "accommodation-request, channel",
    "informed-consent, clientName", "informed-consent, proposedTreatment",
        "informed-consent, treatmentKind",
    "informed-consent, clientTeamEmail"
  })
  void aStartWithoutARequiredVariableIsHttp400NamingItAndStartsNothing(
      String processKey, String missing) {
    Start start = requiredOnly(processKey);
    Assertions.assertThat(start.required())
        .as("the table lists %s as required", missing)
        .containsKey(missing);
    start.required().remove(missing);
    long started = processEngine
        .getHistoryService()
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(processKey)
        .count();

    Rest.Response response = startOverRest(processKey, start.starter(), start.required());

    Assertions.assertThat(response.status()).as(response.body()).isEqualTo(400);
    Assertions.assertThat(response.json().get("message").asText()).contains("'" + missing + "'");
    Assertions.assertThat(processEngine
            .getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(processKey)
            .count())
        .as("nothing is started")
        .isEqualTo(started);
  }

  private Rest.Response startOverRest(
      String processKey, String starter, Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> typed.put(name, Map.of("value", value)));
    return new Rest(port)
        .postJson(
            starter,
            "/engine-rest/process-definition/key/" + processKey + "/start",
            Map.of("variables", typed));
  }
}
