package org.peerflow.notification;

import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.peerflow.calendar.BusinessDays;
import org.springframework.stereotype.Component;

/**
 * Sends a notice to the person a case is about (an applicant, an employee) from a template in
 * {@code templates/mail/}, and keeps a copy with the case: the variable {@code noticeXyz} for
 * template {@code notice-xyz}, on the process instance that sent it — so a notice about a
 * background check stays in the HR-only record-review instance. Used from BPMN as
 * {@code ${sendNotice.send(execution, "notice-final", "applicantEmail")}}.
 */
@Component("sendNotice")
public class SendNotice {

  private final MailTemplates templates;
  private final Outbox outbox;
  private final TimeZone zone;

  SendNotice(MailTemplates templates, Outbox outbox, BusinessDays businessDays) {
    this.templates = templates;
    this.outbox = outbox;
    this.zone = TimeZone.getTimeZone(businessDays.zone());
  }

  public void send(DelegateExecution execution, String template, String recipientVariable) {
    Object recipient = execution.getVariable(recipientVariable);
    if (recipient == null) {
      throw new IllegalStateException(
          "PEERFLOW-MAIL-032 Notice " + template + " has no recipient: variable '"
              + recipientVariable + "' is not set in " + execution.getProcessBusinessKey());
    }
    MailTemplates.RenderedMail mail = templates.render(template, model(execution));
    // a notice quotes the case: its text waits in a byte array, not in the job's configuration
    outbox.enqueue(
        recipient.toString(),
        mail.subject(),
        mail.body(),
        execution.getProcessInstanceId(),
        Outbox.Content.CASE_DATA);
    String copy = "To: " + recipient + "\nSubject: " + mail.subject() + "\n\n" + mail.body();
    // a file value: letters outgrow the 4000 characters of a string variable
    execution.setVariable(
        copyVariable(template),
        Variables.fileValue(template + ".txt")
            .file(copy.getBytes(StandardCharsets.UTF_8))
            .mimeType("text/plain")
            .encoding(StandardCharsets.UTF_8)
            .create());
  }

  /** The case's variables, its id, and every date also as readable text ({@code xyzText}). */
  private Map<String, Object> model(DelegateExecution execution) {
    Map<String, Object> model = new HashMap<>(execution.getVariables());
    model.put("applicationId", execution.getProcessBusinessKey());
    model.put("caseId", execution.getProcessBusinessKey());
    SimpleDateFormat format = new SimpleDateFormat("EEEE, MMMM d, yyyy", Locale.US);
    format.setTimeZone(zone);
    execution.getVariables().forEach((name, value) -> {
      if (value instanceof Date date) {
        model.put(name + "Text", format.format(date));
      }
    });
    return model;
  }

  static String copyVariable(String template) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : template.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }
}
