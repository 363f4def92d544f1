package org.peerflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Task_SendMail of {@code peerflow-mail}: hands one e-mail to the SMTP server. Any failure is
 * thrown on purpose: the job then fails, the engine retries it on its retry cycle, and when the
 * retries run out it leaves an incident — an e-mail is never dropped silently. Delivery is at least
 * once: if the SMTP server accepted the e-mail but the job's commit fails (a crash in that instant),
 * it is sent again — with the same Message-ID, derived from the mail's process instance, so mail
 * clients and the drills can tell a redelivery from a second notice.
 */
@Component("sendMail")
class SendMail implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(SendMail.class);

  private final JavaMailSender mailSender;
  private final MailProperties properties;

  SendMail(JavaMailSender mailSender, MailProperties properties) {
    this.mailSender = mailSender;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) throws MessagingException, IOException {
    String to = (String) execution.getVariable(Outbox.TO);
    String subject = (String) execution.getVariable(Outbox.SUBJECT);
    FileValue body = execution.getVariableTyped(Outbox.BODY);
    MimeMessage message = mailSender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
    helper.setFrom(properties.from());
    helper.setTo(to);
    helper.setSubject(subject);
    helper.setText(text(body));
    // JavaMailSenderImpl keeps a Message-ID set before sending instead of generating a new one
    message.setHeader("Message-ID", messageId(execution.getProcessInstanceId(), properties.from()));
    mailSender.send(message);
    LOG.info("PEERFLOW-MAIL-010 E-mail of instance {} handed to the SMTP server", execution.getProcessInstanceId());
  }

  /** {@code <mail-instance-id.peerflow@domain-of-the-sender>}: unique per e-mail, the same on every retry. */
  static String messageId(String mailInstanceId, String from) {
    return "<" + mailInstanceId + ".peerflow@" + from.substring(from.lastIndexOf('@') + 1).replace(">", "").strip() + ">";
  }

  private static String text(FileValue body) throws IOException {
    try (InputStream in = body.getValue()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
