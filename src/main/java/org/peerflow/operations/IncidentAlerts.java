package org.peerflow.operations;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Tells the operators ({@code peerflow.operators.email}) about each new incident, once, with a
 * link to it in Cockpit. Sent straight to the SMTP server after the incident's transaction has
 * committed — not through the mail outbox, whose own job may be the one that failed. The first
 * attempt runs in the committing thread; when the SMTP server refuses it, the attempt is repeated
 * {@code alert-attempts} times in the background. An alert still lost (SMTP down for all attempts,
 * or the node stops meanwhile) is logged as PEERFLOW-ALERT-003, and the incident stays visible in
 * Cockpit and in the metric {@code peerflow_incidents_open}.
 *
 * <p>The e-mail names the process, step, incident type and id, never the incident's message or a
 * variable: an exception message may quote case data, and e-mail is not where confidential data
 * may go.
 */
@Component
public class IncidentAlerts implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentAlerts.class);
  /** Incidents alerted lately, so that a repeated notification of one incident sends nothing. */
  private static final int REMEMBERED = 10_000;

  private final JavaMailSender mailSender;
  private final OperatorsProperties properties;
  private final String from;
  private final String baseUrl;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "peerflow-incident-alerts");
        thread.setDaemon(true);
        return thread;
      });
  private final Set<String> alerted =
      Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      }));

  IncidentAlerts(
      JavaMailSender mailSender,
      OperatorsProperties properties,
      @Value("${peerflow.mail.from}") String from,
      @Value("${peerflow.base-url}") String baseUrl) {
    this.mailSender = mailSender;
    this.properties = properties;
    this.from = from;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** What an alert says about an incident: identifiers only. */
  public record NewIncident(
      String incidentId,
      String type,
      String processDefinitionKey,
      String processInstanceId,
      String activityId,
      String processDefinitionId) {}

  /** Called after the transaction that created the incident has committed. */
  public void incidentCreated(NewIncident incident) {
    LOG.warn(
        "PEERFLOW-ALERT-001 Incident {} ({}) in process {} at {}, instance {}",
        incident.incidentId(),
        incident.type(),
        incident.processDefinitionKey(),
        incident.activityId(),
        incident.processInstanceId());
    if (!properties.alertsEnabled() || !alerted.add(incident.incidentId())) {
      return;
    }
    attempt(incident, 1);
  }

  private void attempt(NewIncident incident, int attempt) {
    try {
      send(incident);
      LOG.info("PEERFLOW-ALERT-002 Operators told about incident {}", incident.incidentId());
    } catch (MessagingException | RuntimeException e) {
      if (attempt < properties.alertAttempts()) {
        LOG.warn(
            "PEERFLOW-ALERT-004 Alert about incident {} not sent ({}); trying again in {}",
            incident.incidentId(),
            e.getMessage(),
            properties.alertRetryDelay());
        retries.schedule(
            () -> attempt(incident, attempt + 1),
            properties.alertRetryDelay().toMillis(),
            TimeUnit.MILLISECONDS);
      } else {
        LOG.error(
            "PEERFLOW-ALERT-003 Alert about incident {} not sent after {} attempts; see Cockpit",
            incident.incidentId(),
            attempt,
            e);
      }
    }
  }

  private void send(NewIncident incident) throws MessagingException {
    MimeMessage message = mailSender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
    helper.setFrom(from);
    helper.setTo(properties.email());
    helper.setSubject("Peerflow incident: " + incident.processDefinitionKey() + " stopped at "
        + incident.activityId());
    helper.setText(String.join(
        "\n",
        "A step of a case stopped and needs an operator.",
        "",
        "Process:   " + incident.processDefinitionKey(),
        "Step:      " + incident.activityId(),
        "Type:      " + incident.type(),
        "Incident:  " + incident.incidentId(),
        "",
        "Open it in Cockpit (the error and the retry button are there):",
        cockpitLink(incident),
        "",
        "You get one e-mail per incident."));
    // one Message-ID per incident: a mail system that sees a retried alert twice keeps one
    message.setHeader(
        "Message-ID",
        "<incident-" + incident.incidentId() + ".peerflow@"
            + from.substring(from.lastIndexOf('@') + 1).replace(">", "").strip() + ">");
    mailSender.send(message);
  }

  String cockpitLink(NewIncident incident) {
    if (incident.processInstanceId() == null) {
      // a job of no instance (an outbox e-mail, a deadline): Cockpit lists its incident under the
      // definition
      return baseUrl + "/camunda/app/cockpit/default/#/process-definition/"
          + incident.processDefinitionId() + "/runtime?tab=incidents-tab";
    }
    return baseUrl + "/camunda/app/cockpit/default/#/process-instance/"
        + incident.processInstanceId() + "/runtime?tab=incidents-tab";
  }

  @Override
  public void destroy() {
    retries.shutdownNow();
  }
}
