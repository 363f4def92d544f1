package org.peerflow.notification;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.peerflow.identity.BasicLogin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /mail-sink}: the e-mails the sink received, newest first. A user logs in with his
 * Peerflow user (HTTP Basic, checked by Camunda) and sees the e-mails sent to his own address;
 * administrators (camunda-admin) see all. Everything shown is escaped: e-mail text is data.
 */
@RestController
@ConditionalOnProperty(name = "peerflow.mail-sink.enabled", havingValue = "true")
class MailSinkPage {

  static final String PATH = "/mail-sink";
  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+");
  private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

  private final MailSink sink;
  private final IdentityService identityService;
  private final DateTimeFormatter dates;

  MailSinkPage(MailSink sink, IdentityService identityService, MailProperties properties) {
    this.sink = sink;
    this.identityService = identityService;
    this.dates = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.US)
        .withZone(properties.timeZone());
  }

  @GetMapping(PATH)
  ResponseEntity<String> page(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    String userId = authenticatedUser(authorization);
    if (userId == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .header(
              HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Peerflow mail sink\", charset=\"UTF-8\"")
          .contentType(MediaType.TEXT_PLAIN)
          .body("Log in with your Peerflow user name and password.");
    }
    boolean admin = identityService
            .createGroupQuery()
            .groupMember(userId)
            .groupId(Groups.CAMUNDA_ADMIN)
            .count()
        > 0;
    User user = identityService.createUserQuery().userId(userId).singleResult();
    String ownAddress = user == null || user.getEmail() == null
        ? null
        : user.getEmail().strip().toLowerCase(Locale.ROOT);
    List<MailSink.SinkMail> mails = sink.received().stream()
        .filter(mail -> admin || (ownAddress != null && mail.to().contains(ownAddress)))
        .toList();
    return ResponseEntity.ok()
        .contentType(HTML)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        // the page shows other people's text: no scripts, no remote content, whatever it contains
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .body(render(userId, admin, ownAddress, mails));
  }

  /** @return the user whose password matches, or null */
  private String authenticatedUser(String authorization) {
    return BasicLogin.userId(authorization, identityService);
  }

  private String render(
      String userId, boolean admin, String ownAddress, List<MailSink.SinkMail> mails) {
    StringBuilder html = new StringBuilder(4096).append("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Peerflow mail sink</title>
        <style>body{font-family:sans-serif;margin:2em;max-width:60em}article{border-top:1px solid #ccc;padding:.5em 0}
        pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em}dt{font-weight:bold;float:left;width:5em}</style>
        </head><body><h1>Peerflow mail sink</h1>
        """);
    html.append("<p>")
        .append(escape(
            admin
                ? "E-mails to everyone, as administrator " + userId
                : "E-mails to "
                    + (ownAddress == null ? userId + " (no e-mail address)" : ownAddress)))
        .append(" — newest first. This sink keeps e-mails in memory until Peerflow stops.</p>\n");
    if (mails.isEmpty()) {
      html.append("<p>No e-mails.</p>\n");
    }
    for (MailSink.SinkMail mail : mails) {
      html.append("<article><dl>")
          .append("<dt>Date</dt><dd>")
          .append(mail.sent() == null ? "" : escape(dates.format(mail.sent())))
          .append("</dd>")
          .append("<dt>To</dt><dd>")
          .append(escape(String.join(", ", mail.to())))
          .append("</dd>")
          .append("<dt>Subject</dt><dd>")
          .append(escape(mail.subject()))
          .append("</dd>")
          .append("</dl><pre>")
          .append(linkified(mail.body()))
          .append("</pre></article>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  /** Escapes the text and makes its http(s) addresses clickable (only those: no javascript:). */
  static String linkified(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    Matcher link = LINK.matcher(text);
    int from = 0;
    while (link.find()) {
      out.append(escape(text.substring(from, link.start())));
      String url = escape(link.group());
      out.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
      from = link.end();
    }
    return out.append(escape(text.substring(from))).toString();
  }

  static String escape(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
  }
}
