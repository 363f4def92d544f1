package org.peerflow.deployment;

import org.camunda.bpm.engine.ParseException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused start-up deployment into one message naming the file and the problem. */
class DeploymentFailureAnalyzer extends AbstractFailureAnalyzer<ParseException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ParseException cause) {
    return new FailureAnalysis(
        "Peerflow did not start because a model in the process folders was refused:\n\n  "
            + cause.getMessage().replace("\n", "\n  "),
        "Fix the file named above (or restore its last good version) and start Peerflow again. "
            + "Nothing was deployed; the versions already in the database are unchanged.",
        cause);
  }
}
