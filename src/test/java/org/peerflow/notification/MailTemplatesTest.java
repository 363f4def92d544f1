package org.peerflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain unit test: templates need no Spring context. */
class MailTemplatesTest {

  private final MailTemplates templates = new MailTemplates();

  @Test
  void theFirstLineIsTheSubjectAndTheRestTheBody() {
    MailTemplates.RenderedMail mail = templates.render(
        TaskMails.TEMPLATE,
        Map.of(
            "taskName",
            "Review <the> application",
            "processName",
            "Fair-chance hiring",
            "dueDate",
            TaskMails.NO_DUE_DATE,
            "link",
            "http://localhost:8080/x?task=1&y=2",
            "assigned",
            false));

    assertThat(mail.subject()).isEqualTo("New task for your group: Review <the> application");
    assertThat(mail.body())
        .startsWith("Hello,")
        .doesNotContain("Subject:")
        .contains(
            "Fair-chance hiring", "Due:      no due date", "http://localhost:8080/x?task=1&y=2")
        // plain text: nothing HTML-escaped
        .contains("Review <the> application");
  }

  @Test
  void aLineBreakInAValueCannotStartANewHeader() {
    MailTemplates.RenderedMail mail = templates.render(
        TaskMails.TEMPLATE,
        Map.of(
            "taskName",
            "Review\nBcc: someone@else.example",
            "processName",
            "p",
            "dueDate",
            "d",
            "link",
            "l",
            "assigned",
            true));

    assertThat(mail.subject()).isEqualTo("Assigned to you: Review Bcc: someone@else.example");
    assertThat(mail.body()).startsWith("Hello,");
  }

  @Test
  void aTemplateNamingAValueTheModelLacksFailsInsteadOfSendingHalfAMail() {
    assertThatThrownBy(() -> templates.render(TaskMails.TEMPLATE, Map.of("taskName", "x")))
        .hasMessageContaining("processName");
  }

  @Test
  void anUnknownTemplateIsReportedByName() {
    assertThatThrownBy(() -> templates.render("no-such-template", Map.of()))
        .hasMessageContaining("templates/mail/no-such-template.mustache");
  }
}
