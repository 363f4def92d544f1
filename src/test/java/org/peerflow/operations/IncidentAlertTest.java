package org.peerflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Mailbox;
import org.peerflow.Rest;
import org.peerflow.notification.Outbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An e-mail job that fails for good becomes an incident; the operators get exactly one e-mail about
 * it, over the real SMTP server (GreenMail), though the failing job is itself an e-mail.
 */
class IncidentAlertTest extends IntegrationTestBase {

  private static final String OPERATORS = "operators@peerflow.test";

  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  ManagementService managementService;

  @Autowired
  IncidentAlerts alerts;

  @Autowired
  PeerflowMetrics metrics;

  /** Read straight from the SMTP server: the alert goes there without any job run. */
  private static List<MimeMessage> alertsReceived() {
    return java.util.Arrays.stream(SMTP.getReceivedMessages())
        .filter(mail -> Mailbox.recipients(mail).contains(OPERATORS))
        .toList();
  }

  @Test
  void anIncidentSendsExactlyOneAlertWithACockpitLinkAndNoCaseData() throws Exception {
    Rest rest = new Rest(port);
    metrics.refresh();
    String series = "peerflow_incidents_open{process=\"peerflow-mail\",type=\"failedJob\"}";
    double openBefore =
        Prometheus.value(rest.get("admin", "/actuator/prometheus").body(), series);
    SMTP.purgeEmailFromAllMailboxes();
    // an e-mail without its body: the sending job fails, whatever the SMTP server does
    ProcessInstance mail = runtimeService.startProcessInstanceByKey(
        Outbox.MAIL_PROCESS,
        Map.of("to", "nobody@peerflow.example", "subject", "Confidential: never sent"));
    try {
      // every attempt of the retry cycle (peerflow.mail.retry-cycle, R5/PT1M) fails
      for (int attempt = 1; attempt <= 5; attempt++) {
        Job job =
            managementService.createJobQuery().processInstanceId(mail.getId()).singleResult();
        assertThat(runtimeService
                .createIncidentQuery()
                .processInstanceId(mail.getId())
                .count())
            .as("no incident while retries are left")
            .isZero();
        assertThat(alertsReceived()).as("no alert before the incident").isEmpty();
        assertThatThrownBy(() -> managementService.executeJob(job.getId()))
            .isInstanceOf(RuntimeException.class);
      }

      Incident incident =
          runtimeService.createIncidentQuery().processInstanceId(mail.getId()).singleResult();
      assertThat(incident).isNotNull();
      List<MimeMessage> toOperators = alertsReceived();
      assertThat(toOperators).hasSize(1);
      MimeMessage alert = toOperators.get(0);
      assertThat(Mailbox.subject(alert))
          .isEqualTo("Peerflow incident: peerflow-mail stopped at Task_SendMail");
      assertThat(Mailbox.body(alert))
          .contains("/camunda/app/cockpit/default/#/process-instance/" + mail.getId()
              + "/runtime?tab=incidents-tab")
          .contains(incident.getId())
          .doesNotContain("Confidential", "nobody@peerflow.example", "NullPointerException");

      // told again about the same incident (a second node, a repeated event): no second e-mail
      alerts.incidentCreated(new IncidentAlerts.NewIncident(
          incident.getId(),
          incident.getIncidentType(),
          Outbox.MAIL_PROCESS,
          mail.getId(),
          incident.getActivityId(),
          incident.getProcessDefinitionId()));
      assertThat(alertsReceived()).hasSize(1);

      metrics.refresh();
      String exposition = rest.get("admin", "/actuator/prometheus").body();
      assertThat(Prometheus.value(exposition, series)).isEqualTo(openBefore + 1);
      assertThat(Prometheus.value(exposition, "peerflow_mail_jobs_failed{retries_left=\"no\"}"))
          .isGreaterThanOrEqualTo(1);
    } finally {
      runtimeService.deleteProcessInstance(mail.getId(), "test clean-up");
    }
  }
}
