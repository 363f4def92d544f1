package org.peerflow.notification;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Renders the e-mail templates in {@code templates/mail/}: a first line {@code Subject: ...}, then
 * the body. Mustache is logic-less, so a template can only show what its caller puts in the model
 * — never a process variable the caller did not choose. A template that names a value the model
 * lacks fails loudly instead of sending a half-empty e-mail.
 */
@Component
public class MailTemplates {

  static final String FOLDER = "templates/mail/";
  private static final String SUBJECT_PREFIX = "Subject:";

  /** Plain-text e-mail: no HTML escaping. */
  private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false);

  private final Map<String, MailTemplate> templates = new ConcurrentHashMap<>();

  /** A rendered e-mail, ready for {@link Outbox#enqueue}. */
  public record RenderedMail(String subject, String body) {}

  /** The subject line and the body, compiled apart so that no value can move text between them. */
  private record MailTemplate(Template subject, Template body) {}

  /**
   * @param templateName file name in {@code templates/mail/} without {@code .mustache}
   * @param model the only values the template can show
   */
  public RenderedMail render(String templateName, Map<String, ?> model) {
    MailTemplate template = templates.computeIfAbsent(templateName, this::load);
    // a value with a line break must not make the subject span lines
    String subject = template.subject().execute(model).replaceAll("\\s+", " ").strip();
    return new RenderedMail(subject, template.body().execute(model));
  }

  private MailTemplate load(String templateName) {
    ClassPathResource resource = new ClassPathResource(FOLDER + templateName + ".mustache");
    String source;
    try (InputStream in = resource.getInputStream()) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("PEERFLOW-MAIL-031 No mail template " + resource.getPath(), e);
    }
    int endOfFirstLine = source.indexOf('\n');
    if (!source.startsWith(SUBJECT_PREFIX) || endOfFirstLine < 0) {
      throw new IllegalStateException("PEERFLOW-MAIL-030 Mail template " + resource.getPath()
          + " must start with a line 'Subject: ...' followed by the body");
    }
    return new MailTemplate(
        compiler.compile(source.substring(SUBJECT_PREFIX.length(), endOfFirstLine)),
        compiler.compile(source.substring(endOfFirstLine + 1)));
  }
}
