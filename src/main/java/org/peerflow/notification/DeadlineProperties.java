package org.peerflow.notification;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who hears about overdue tasks.
 *
 * @param hrLead user id of the HR lead ({@code peerflow.hr-lead}), who receives escalations of
 *     every process that does not redirect them with {@code peerflow.escalate-to}
 */
@Validated
@ConfigurationProperties("peerflow")
record DeadlineProperties(@NotBlank String hrLead) {}
