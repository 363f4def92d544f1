package org.peerflow.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded default's mail sink: an SMTP server inside Peerflow that keeps every e-mail in
 * memory and shows it at {@code /mail-sink}, so that a trial needs no mail server.
 *
 * @param enabled start the sink and its page; never in production
 * @param port the sink's SMTP port on 127.0.0.1; spring.mail.port points there by default
 */
@ConfigurationProperties("peerflow.mail-sink")
record MailSinkProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("2525") int port) {}
