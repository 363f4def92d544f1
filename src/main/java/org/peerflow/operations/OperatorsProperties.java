package org.peerflow.operations;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who runs Peerflow and how they are told about trouble.
 *
 * @param email the operators' address: one e-mail per incident (empty: no alert e-mails, only the
 *     log line and the metric {@code peerflow_incidents_open})
 * @param groups members of any of these groups may read metrics and detailed health
 * @param alertAttempts how often an alert is tried when the SMTP server refuses it
 * @param alertRetryDelay the wait between those attempts
 */
@ConfigurationProperties("peerflow.operators")
record OperatorsProperties(
    @DefaultValue("") String email,
    @DefaultValue({"camunda-admin", "operators"}) List<String> groups,
    @DefaultValue("3") int alertAttempts,
    @DefaultValue("PT1M") Duration alertRetryDelay) {

  boolean alertsEnabled() {
    return email != null && !email.isBlank();
  }
}
