package org.peerflow;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * What a person's mailbox received from Peerflow in a test: the queued e-mail jobs (the outbox's
 * jobs, of the internal definition {@code peerflow-mail}) are run first, since the job executor is
 * off in tests.
 */
public final class Mailbox {

  private Mailbox() {}

  /** Runs every queued e-mail job that can run now and returns the mails delivered to {@code address}. */
  public static List<MimeMessage> deliveredTo(
      ProcessEngine engine, GreenMail smtp, String address) {
    runMailJobs(engine);
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(mail -> recipients(mail).contains(address))
        .toList();
  }

  public static void runMailJobs(ProcessEngine engine) {
    ManagementService management = engine.getManagementService();
    management
        .createJobQuery()
        .processDefinitionKey("peerflow-mail")
        .executable()
        .list()
        .forEach(job -> management.executeJob(job.getId()));
  }

  public static String recipients(MimeMessage mail) {
    try {
      return Arrays.toString(mail.getAllRecipients());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String subject(MimeMessage mail) {
    try {
      return String.valueOf(mail.getSubject());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The plain-text body with quoted-printable soft line breaks undone. */
  public static String body(MimeMessage mail) {
    return GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("\r\n", "\n");
  }
}
