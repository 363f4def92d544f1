package org.peerflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The sink is off in tests (as in production), so the page is built here by hand around a sink on
 * a free port, with the shared context's real identity service: no second Spring context.
 */
class MailSinkPageTest extends IntegrationTestBase {

  @Autowired
  IdentityService identityService;

  @Autowired
  ApplicationContext context;

  @Autowired
  TestRestTemplate http;

  private MailSink sink;
  private MailSinkPage page;

  @BeforeEach
  void sinkWithTwoPeople() {
    user("sinkreader", null);
    user("sinkadmin", Groups.CAMUNDA_ADMIN);
    // its own user: a wrong password delays that user's next login by seconds
    user("sinkstranger", null);
    sink = new MailSink(ServerSetup.SMTP.dynamicPort());
    sink.start();
    page = new MailSinkPage(
        sink,
        identityService,
        new MailProperties("peerflow@localhost", "R5/PT1M", ZoneId.of("America/New_York")));
  }

  @AfterEach
  void stopSink() {
    sink.stop();
  }

  @Test
  void theSinkAsksForALoginAndRefusesAWrongPassword() {
    ResponseEntity<String> anonymous = page.page(null);
    ResponseEntity<String> wrong = page.page(basic("sinkstranger", "not-the-password"));

    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic ");
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aUserSeesOnlyTheMailsAddressedToHimNewestFirst() {
    send("sinkreader@peerflow.example", "First for the reader", "one");
    send("someone.else@peerflow.example", "Not for the reader", "two");
    send("sinkreader@peerflow.example", "Second for the reader", "three");

    String html = page.page(basic("sinkreader", "sinkreader-password")).getBody();

    assertThat(html)
        .contains("First for the reader", "Second for the reader")
        .doesNotContain("Not for the reader");
    assertThat(html.indexOf("Second for the reader"))
        .isLessThan(html.indexOf("First for the reader"));
  }

  @Test
  void administratorsSeeAllMails() {
    send("sinkreader@peerflow.example", "For the reader", "one");
    send("someone.else@peerflow.example", "For someone else", "two");

    String html = page.page(basic("sinkadmin", "sinkadmin-password")).getBody();

    assertThat(html).contains("For the reader", "For someone else");
  }

  @Test
  void mailTextIsEscapedAndOnlyWebLinksAreClickable() {
    send(
        "sinkreader@peerflow.example",
        "<script>alert('subject')</script>",
        "Open http://localhost:8080/camunda/app/tasklist/default/#/?task=42&x=1 now.\n"
            + "<img src=x onerror=alert(1)> javascript:alert(2)");

    ResponseEntity<String> response = page.page(basic("sinkreader", "sinkreader-password"));
    String html = response.getBody();

    assertThat(response.getHeaders().getContentType().toString()).startsWith("text/html");
    assertThat(response.getHeaders().getFirst("Content-Security-Policy"))
        .contains("default-src 'none'");
    assertThat(html)
        .contains("&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt;")
        .contains(
            "<a href=\"http://localhost:8080/camunda/app/tasklist/default/#/?task=42&amp;x=1\">")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<script>", "<img", "href=\"javascript");
  }

  @Test
  void withoutTheSinkThereIsNoMailSinkPage() {
    assertThat(context.getBeanNamesForType(MailSink.class)).isEmpty();
    assertThat(context.getBeanNamesForType(MailSinkPage.class)).isEmpty();
    assertThat(http.getForEntity(MailSinkPage.PATH, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private void send(String to, String subject, String body) {
    GreenMailUtil.sendTextEmail(
        to,
        "peerflow@localhost",
        subject,
        body,
        new ServerSetup(sink.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private void user(String id, String group) {
    TestUsers.ensure(identityService, id, group);
  }
}
