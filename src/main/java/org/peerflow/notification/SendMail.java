package org.peerflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands one e-mail to the SMTP server. Any failure is thrown on purpose: the job then fails, the
 * engine retries it, and when the retries run out it leaves an incident — an e-mail is never
 * dropped silently. Delivery is at least once: if the SMTP server accepted the e-mail but the job's
 * commit fails (a crash in that instant), it is sent again — with the same Message-ID, derived from
 * the job, so mail clients and the drills can tell a redelivery from a second notice.
 *
 * <p>Also the delegate of {@code Task_SendMail}: instances of {@code peerflow-mail} queued by a
 * release before the outbox jobs still send their e-mail after an upgrade.
 */
@Component("sendMail")
class SendMail implements JavaDelegate {

  private final JavaMailSender mailSender;
  private final MailProperties properties;

  SendMail(JavaMailSender mailSender, MailProperties properties) {
    this.mailSender = mailSender;
    this.properties = properties;
  }

  /** @param sendingId the id of the job (or, for an old e-mail, the instance) that sends it */
  void send(MailJob.Letter letter, String sendingId) {
    try {
      MimeMessage message = mailSender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
      helper.setFrom(properties.from());
      helper.setTo(letter.to());
      helper.setSubject(letter.subject());
      helper.setText(letter.body());
      // JavaMailSenderImpl keeps a Message-ID set before sending instead of generating a new one
      message.setHeader("Message-ID", messageId(sendingId, properties.from()));
      mailSender.send(message);
    } catch (MessagingException e) {
      throw new MailPreparationException(e);
    }
  }

  @Override
  public void execute(DelegateExecution execution) throws IOException {
    FileValue body = execution.getVariableTyped("body");
    String text;
    try (InputStream in = body.getValue()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    send(
        new MailJob.Letter(
            (String) execution.getVariable("to"), (String) execution.getVariable("subject"), text),
        execution.getProcessInstanceId());
  }

  /** {@code <job-id.peerflow@domain-of-the-sender>}: unique per e-mail, the same on every retry. */
  static String messageId(String sendingId, String from) {
    return "<" + sendingId + ".peerflow@"
        + from.substring(from.lastIndexOf('@') + 1).replace(">", "").strip() + ">";
  }
}
