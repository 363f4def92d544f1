package org.peerflow.deployment;

import java.util.List;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;

/**
 * A deployment refused as a whole because one of its models is broken or breaks a rule. It is a
 * {@link ParseException} so that the REST API answers HTTP 400 with the message, as it does for
 * the engine's own BPMN errors, and Desktop Modeler shows it to the process owner.
 */
public class ModelRefusedException extends ParseException {

  public ModelRefusedException(String resourceName, String problem) {
    super(
        "Deployment refused: " + resourceName + ": " + problem,
        resourceName,
        List.of(new RefusalProblem(problem)),
        List.of());
  }

  private record RefusalProblem(String message) implements Problem {
    @Override
    public String getMessage() {
      return message;
    }

    @Override
    public int getLine() {
      return 0;
    }

    @Override
    public int getColumn() {
      return 0;
    }

    @Override
    public String getMainElementId() {
      return null;
    }

    @Override
    public List<String> getElementIds() {
      return List.of();
    }
  }
}
