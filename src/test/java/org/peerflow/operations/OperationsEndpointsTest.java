package org.peerflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Rest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * /actuator over real HTTP: probes answer anyone with a bare status, everything else only
 * operators (camunda-admin here; a member of "operators" alike), and the metrics count what the
 * engine holds.
 */
class OperationsEndpointsTest extends IntegrationTestBase {

  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  ManagementService managementService;

  @Autowired
  PeerflowMetrics metrics;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void probesAnswerAnonymousCallersWithTheStatusAndNothingElse() {
    Rest rest = new Rest(port);
    Rest.Response readiness = rest.get(null, "/actuator/health/readiness");
    Rest.Response liveness = rest.get(null, "/actuator/health/liveness");

    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.body()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(liveness.status()).isEqualTo(200);
    assertThat(liveness.body()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void metricsAndDetailedHealthAreForOperatorsOnly() {
    Rest rest = new Rest(port);
    for (String path : new String[] {"/actuator", "/actuator/health", "/actuator/prometheus"}) {
      assertThat(rest.get(null, path).status()).as("anonymous %s", path).isEqualTo(401);
      assertThat(rest.get("harper", path).status())
          .as("hr is no operator: %s", path)
          .isEqualTo(401);
    }
    // (no wrong-password probe for admin: Camunda then delays admin's next logins, other tests'
    // too)
    assertThat(rest.get("harper", "/actuator/health/readiness").body())
        .as("a non-operator's credentials reveal no more than none")
        .isEqualTo("{\"status\":\"UP\"}");

    Rest.Response health = rest.get("admin", "/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().at("/components/processEngine/status").asText()).isEqualTo("UP");
    assertThat(health.json().at("/components/modelDeployment/status").asText()).isEqualTo("UP");
    // (jobExecutor, Camunda's other indicator, exists only with a job executor: not in the test
    // profile, which runs jobs by hand; the packaged jar's test ProductionProfileIT has it)
    Rest.Response readiness = rest.get("admin", "/actuator/health/readiness");
    assertThat(readiness.json().at("/components").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("modelDeployment", "processEngine", "readinessState");
  }

  @Test
  void anOverdueTaskIsCountedForItsProcessAndItsGroup() {
    Rest rest = new Rest(port);
    Date now = ClockUtil.getCurrentTime();
    Date monthLater = new Date(now.getTime() + Duration.ofDays(30).toMillis());
    ClockUtil.setCurrentTime(monthLater);
    metrics.refresh();
    String before = rest.get("admin", "/actuator/prometheus").body();

    ClockUtil.setCurrentTime(now);
    // Task_Respond: candidate group hr, due 5 business days after the start
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("calendar-demo");
    try {
      ClockUtil.setCurrentTime(monthLater);
      metrics.refresh();
      String after = rest.get("admin", "/actuator/prometheus").body();

      String byProcess = "peerflow_tasks_overdue{process=\"calendar-demo\"}";
      String byGroup = "peerflow_tasks_overdue_by_group{group=\"hr\"}";
      assertThat(Prometheus.value(after, byProcess))
          .isEqualTo(Prometheus.value(before, byProcess) + 1);
      assertThat(Prometheus.value(after, byGroup)).isEqualTo(Prometheus.value(before, byGroup) + 1);
      assertThat(after)
          .contains(
              "camunda_engine_activity_instance_start_total",
              "camunda_engine_job_failed_total",
              "peerflow_mail_jobs_failed{retries_left=\"no\"}");
      assertThat(after).as("no business key in a label").doesNotContain(instance.getId());
    } finally {
      runtimeService.deleteProcessInstance(instance.getId(), "test clean-up");
    }
  }
}
