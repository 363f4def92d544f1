package org.peerflow;

import org.peerflow.ProductionSettingsCheck.InvalidSettingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a wrong production setting as one message, with what to do about it. */
public class ProductionSettingsFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidSettingException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
    return new FailureAnalysis(
        "Peerflow (production profile) did not start: " + cause.getMessage(),
        "Set the environment variable " + cause.setting.name()
            + " and start again. README.md, section Configuration, lists every setting.",
        cause);
  }
}
