package org.peerflow.notification;

import jakarta.validation.constraints.NotBlank;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Peerflow sends e-mail (the SMTP server itself is Spring's {@code spring.mail.*}).
 *
 * @param from the sender address of every e-mail
 * @param retryCycle how a failing e-mail is retried before it becomes an incident (set on the
 *     mail process's sending job only, see {@link MailRetryCycle})
 * @param timeZone the zone due dates are written in, by default the calendar's zone
 */
@Validated
@ConfigurationProperties("peerflow.mail")
record MailProperties(
    @NotBlank String from,
    @DefaultValue("R5/PT1M") String retryCycle,
    @DefaultValue("UTC") ZoneId timeZone) {}
