package org.peerflow.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The mail sink's SMTP server (GreenMail), bound to 127.0.0.1 only: it accepts any e-mail and
 * keeps it in memory until Peerflow stops. Exists only in the embedded default.
 */
@Component
@ConditionalOnProperty(name = "peerflow.mail-sink.enabled", havingValue = "true")
class MailSink implements SmartLifecycle {

  /** One received e-mail, as the page shows it. */
  record SinkMail(Instant sent, List<String> to, String subject, String body) {}

  private static final Logger LOG = LoggerFactory.getLogger(MailSink.class);

  private final GreenMail greenMail;
  private volatile boolean running;

  @Autowired
  MailSink(MailSinkProperties properties) {
    this(new ServerSetup(properties.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  }

  /** For tests: a sink on any free port. */
  MailSink(ServerSetup setup) {
    this.greenMail = new GreenMail(setup);
  }

  @Override
  public void start() {
    greenMail.start();
    running = true;
    LOG.info(
        "PEERFLOW-MAIL-050 Mail sink listening on 127.0.0.1:{}; read the e-mails at /mail-sink",
        port());
  }

  @Override
  public void stop() {
    greenMail.stop();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the job executor, so that queued e-mails find the sink at start-up. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }

  int port() {
    return greenMail.getSmtp().getPort();
  }

  /** @return every received e-mail, newest first, each once even if it had several recipients */
  List<SinkMail> received() {
    Map<String, SinkMail> byMessage = new LinkedHashMap<>();
    MimeMessage[] messages = greenMail.getReceivedMessages(); // in the order received
    for (int i = messages.length - 1; i >= 0; i--) {
      try {
        String id = messages[i].getMessageID() == null ? "#" + i : messages[i].getMessageID();
        byMessage.putIfAbsent(id, toSinkMail(messages[i]));
      } catch (MessagingException | IOException | RuntimeException e) {
        LOG.warn("PEERFLOW-MAIL-051 Mail sink cannot read a received e-mail", e);
      }
    }
    return List.copyOf(byMessage.values());
  }

  private static SinkMail toSinkMail(MimeMessage message) throws MessagingException, IOException {
    Address[] recipients = message.getAllRecipients();
    List<String> to = recipients == null
        ? List.of()
        : Arrays.stream(recipients)
            .map(address -> address instanceof InternetAddress internet
                ? internet.getAddress()
                : address.toString())
            .map(address -> address.toLowerCase(Locale.ROOT))
            .toList();
    Instant sent = message.getSentDate() == null ? null : message.getSentDate().toInstant();
    Object content = message.getContent();
    String body = content instanceof String text ? text : GreenMailUtil.getBody(message);
    return new SinkMail(sent, to, message.getSubject(), body);
  }
}
