package org.peerflow.cases;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Checks a start variable and says in one sentence what is wrong and what was expected. */
public final class StartVariables {

  private static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

  private StartVariables() {}

  public static String requiredText(DelegateExecution execution, String name, String meaning) {
    Object value = execution.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      throw new BadUserRequestException(
          "The start variable '" + name + "' (" + meaning + ") is missing.");
    }
    if (!(value instanceof String text)) {
      throw new BadUserRequestException("The start variable '" + name + "' (" + meaning
          + ") must be a String, not " + value.getClass().getSimpleName() + ".");
    }
    return text.trim();
  }

  /** A required text that must look like one e-mail address (notices will be sent to it). */
  public static String requiredEmail(DelegateExecution execution, String name, String meaning) {
    String email = requiredText(execution, name, meaning);
    if (!email.matches(EMAIL)) {
      throw new BadUserRequestException(
          "The start variable '" + name + "' is not an e-mail address.");
    }
    return email;
  }

  /**
   * An optional yes/no start variable: absent means {@code fallback} (written to the case, so that
   * gateways can read it); anything but a Boolean is refused.
   */
  public static boolean optionalFlag(DelegateExecution execution, String name, boolean fallback) {
    Object value = execution.getVariable(name);
    if (value == null) {
      execution.setVariable(name, fallback);
      return fallback;
    }
    if (!(value instanceof Boolean flag)) {
      throw new BadUserRequestException(
          "The start variable '" + name + "' must be true or false, not "
              + value.getClass().getSimpleName() + " '" + value + "'.");
    }
    return flag;
  }

  public static String businessKeyOrNew(DelegateExecution execution, String prefix) {
    String key = execution.getProcessBusinessKey();
    if (key == null || key.isBlank()) {
      key = CaseIds.next(prefix);
      execution.setProcessBusinessKey(key);
    }
    return key;
  }
}
