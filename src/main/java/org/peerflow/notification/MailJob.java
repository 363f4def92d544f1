package org.peerflow.notification;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;

/**
 * The configuration of one outbox job: which case instance asked for the e-mail (an id, for logs
 * and tests; no value of the case) and the e-mail itself — inline when it carries no case data and
 * fits the column, otherwise as the id of a byte array the job owns. Job configurations are not
 * shown by Cockpit or REST, but they are plain database text: a notice, which quotes the case,
 * always lives in the byte array, which no API hands out.
 */
record MailJob(String caseInstanceId, Letter inline, String storedLetterId)
    implements JobHandlerConfiguration {

  /** One e-mail to one address. */
  record Letter(String to, String subject, String body) {

    String encoded() {
      return to + '\n' + subject + '\n' + body;
    }

    static Letter decode(String encoded) {
      int afterTo = encoded.indexOf('\n');
      int afterSubject = encoded.indexOf('\n', afterTo + 1);
      if (afterTo < 0 || afterSubject < 0) {
        throw new IllegalArgumentException("PEERFLOW-MAIL-043 Not an outbox letter");
      }
      return new Letter(
          encoded.substring(0, afterTo),
          encoded.substring(afterTo + 1, afterSubject),
          encoded.substring(afterSubject + 1));
    }
  }

  /** ACT_RU_JOB.HANDLER_CFG_ holds 4000 characters; room for the prefix. */
  static final int MAX_INLINE = 3900;

  private static final String NO_CASE = "-";
  private static final String INLINE = "I";
  private static final String STORED = "S";
  private static final char SEPARATOR = '|';

  static MailJob parse(String canonical) {
    int first = canonical.indexOf(SEPARATOR);
    int second = canonical.indexOf(SEPARATOR, first + 1);
    if (first < 0 || second < 0) {
      throw new IllegalArgumentException("PEERFLOW-MAIL-041 Not an outbox job configuration");
    }
    String caseId = canonical.substring(0, first);
    String kind = canonical.substring(first + 1, second);
    String rest = canonical.substring(second + 1);
    return new MailJob(
        NO_CASE.equals(caseId) ? null : caseId,
        INLINE.equals(kind) ? Letter.decode(rest) : null,
        STORED.equals(kind) ? rest : null);
  }

  @Override
  public String toCanonicalString() {
    return (caseInstanceId == null ? NO_CASE : caseInstanceId)
        + SEPARATOR
        + (inline != null
            ? INLINE + SEPARATOR + inline.encoded()
            : STORED + SEPARATOR + storedLetterId);
  }

  /** The e-mail, from the configuration or the byte array. */
  Letter letter(CommandContext commandContext) {
    if (inline != null) {
      return inline;
    }
    ByteArrayEntity bytes =
        commandContext.getDbEntityManager().selectById(ByteArrayEntity.class, storedLetterId);
    if (bytes == null) {
      throw new IllegalStateException(
          "PEERFLOW-MAIL-042 The e-mail of this job is gone (byte array " + storedLetterId + ")");
    }
    return Letter.decode(new String(bytes.getBytes(), StandardCharsets.UTF_8));
  }
}
