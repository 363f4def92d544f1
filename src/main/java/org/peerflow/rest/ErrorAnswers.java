package org.peerflow.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * What the REST API answers when the engine fails, one row per kind of failure, found by exception
 * type and, where Camunda gives one, its error code or the database's SQL state — never by the
 * words of a message. The rows are tried in order; each looks through the cause chain, because
 * Camunda's resources wrap engine exceptions (a task completion's into a RestException with 500).
 * A failure no row knows keeps Camunda's own answer.
 *
 * <p>Why: two users acting on one task at once is normal work, not a server error (409, or 404
 * when the task is gone); a request Peerflow or a form check refused is the caller's error (400)
 * even when Camunda wraps it into a 500.
 */
final class ErrorAnswers {

  /** What a row may ask about the request that failed. */
  interface Request {
    /** The request path, e.g. {@code task/42/claim} (relative to the REST API's root, as Jersey gives it). */
    String path();

    /** Whether the task no longer exists (another user's action ended it). */
    boolean taskIsGone(String taskId);
  }

  /** The status, and the type and message of the answer's body; null keeps Camunda's. */
  record Answer(Status status, String type, String message) {}

  @FunctionalInterface
  interface Reply {
    Answer to(Throwable matched, ExceptionDto camunda, Request request);
  }

  /**
   * @param failure what happened, in words
   * @param type the exception, anywhere in the cause chain
   * @param when a further condition on it (an error code, a SQL state, the request)
   */
  record Row(
      String failure,
      Class<? extends Throwable> type,
      BiPredicate<Throwable, Request> when,
      Reply reply) {
    boolean matches(Throwable candidate, Request request) {
      return type.isInstance(candidate) && when.test(candidate, request);
    }
  }

  /** A task action (claim, complete, submit-form, resolve) and the task's id. */
  private static final Pattern TASK_ACTION =
      Pattern.compile("(?:^|/)task/([^/]+)/(claim|complete|submit-form|resolve)$");
  /** Any request about one task: {@code task/42/...} (not {@code history/task/...}). */
  private static final Pattern TASK = Pattern.compile("^/?(?:engine/[^/]+/)?task/([^/]+)(?:/|$)");
  /** SQL state of a unique-key violation (SQL standard class 23; H2 and PostgreSQL use it). */
  static final String UNIQUE_VIOLATION = "23505";

  private static final BiPredicate<Throwable, Request> ALWAYS = (failure, request) -> true;

  static final List<Row> ROWS = List.of(
      new Row(
          "the task acted on was ended by another user's action, which removed its authorizations "
              + "before this request's permission check",
          AuthorizationException.class,
          ErrorAnswers::actsOnAGoneTask,
          ErrorAnswers::taskEndedBySomeoneElse),
      new Row(
          "the task acted on was ended by another user's action (Camunda wraps the failure into a 500)",
          RestException.class,
          (failure, request) ->
              ((RestException) failure).getStatus() == Status.INTERNAL_SERVER_ERROR
                  && actsOnAGoneTask(failure, request),
          ErrorAnswers::taskEndedBySomeoneElse),
      new Row(
          "two writes of one row at once, caught by the engine's version check",
          OptimisticLockingException.class,
          ALWAYS,
          ErrorAnswers::changedAtTheSameTime),
      new Row(
          "an engine failure with Camunda's optimistic-locking code",
          ProcessEngineException.class,
          code(BuiltinExceptionCode.OPTIMISTIC_LOCKING),
          ErrorAnswers::changedAtTheSameTime),
      new Row(
          "two transactions waiting for each other's rows (Camunda's deadlock code)",
          ProcessEngineException.class,
          code(BuiltinExceptionCode.DEADLOCK),
          (failure, camunda, request) -> new Answer(
              Status.CONFLICT,
              null,
              "Another request changed the same data at the same moment; try again. ("
                  + camunda.getMessage() + ")")),
      new Row(
          "the task is already claimed by another user",
          TaskAlreadyClaimedException.class,
          ALWAYS,
          ErrorAnswers::changedAtTheSameTime),
      new Row(
          "one row inserted twice at once (e.g. one user's two claims of a task insert his authorization "
              + "twice)",
          SQLException.class,
          (failure, request) -> UNIQUE_VIOLATION.equals(((SQLException) failure).getSQLState()),
          ErrorAnswers::insertedTwice),
      new Row(
          "the task named in the request does not exist (any more)",
          NullValueException.class,
          ErrorAnswers::namesAGoneTask,
          (failure, camunda, request) -> new Answer(Status.NOT_FOUND, null, null)),
      new Row(
          "what the request names does not exist",
          NotFoundException.class,
          ALWAYS,
          (failure, camunda, request) -> new Answer(Status.NOT_FOUND, null, null)),
      new Row(
          "Peerflow or the engine refused the request's input (an unknown position, a missing e-mail address)",
          BadUserRequestException.class,
          ALWAYS,
          ErrorAnswers::refusedInput),
      new Row(
          "a form check refused a completion (a required field missing)",
          FormFieldValidationException.class,
          ALWAYS,
          ErrorAnswers::refusedInput));

  private ErrorAnswers() {}

  /** @return the answer of the first row that matches the failure, else Camunda's own */
  static Response answer(Throwable failure, Request request) {
    for (Row row : ROWS) {
      for (Throwable candidate : Causes.chain(failure)) {
        if (row.matches(candidate, request)) {
          ExceptionDto body = ExceptionHandlerHelper.getInstance().fromException(failure);
          Answer answer = row.reply().to(candidate, body, request);
          if (answer.type() != null) {
            body.setType(answer.type());
          }
          if (answer.message() != null) {
            body.setMessage(answer.message());
          }
          return Response.status(answer.status())
              .entity(body)
              .type(MediaType.APPLICATION_JSON_TYPE)
              .build();
        }
      }
    }
    return camundas(failure);
  }

  private static Response camundas(Throwable failure) {
    Response answer = ExceptionHandlerHelper.getInstance().getResponse(failure);
    if (answer.getEntity() instanceof ExceptionDto camunda
        && (camunda.getMessage() == null || camunda.getMessage().isBlank())) {
      // e.g. a body that is not JSON: Camunda answers 400 without a word
      camunda.setMessage("The request could not be read: " + rootMessage(failure));
    }
    return answer;
  }

  // --- conditions -----------------------------------------------------------------------------

  private static BiPredicate<Throwable, Request> code(BuiltinExceptionCode code) {
    return (failure, request) -> ((ProcessEngineException) failure).getCode() == code.getCode();
  }

  private static boolean actsOnAGoneTask(Throwable failure, Request request) {
    Matcher action = TASK_ACTION.matcher(request.path());
    return action.find() && request.taskIsGone(action.group(1));
  }

  private static boolean namesAGoneTask(Throwable failure, Request request) {
    Matcher task = TASK.matcher(request.path());
    return task.find() && request.taskIsGone(task.group(1));
  }

  // --- replies --------------------------------------------------------------------------------

  private static Answer changedAtTheSameTime(
      Throwable failure, ExceptionDto camunda, Request request) {
    return new Answer(
        Status.CONFLICT,
        null,
        "Someone else changed this task at the same time; reload it. (" + camunda.getMessage()
            + ")");
  }

  /** A claim says 404 as a claim of an already completed task does; a completion says 409. */
  private static Answer taskEndedBySomeoneElse(
      Throwable failure, ExceptionDto camunda, Request request) {
    Matcher action = TASK_ACTION.matcher(request.path());
    action.find();
    return new Answer(
        action.group(2).equals("claim") ? Status.NOT_FOUND : Status.CONFLICT,
        null,
        "Task " + action.group(1)
            + " was completed by someone else at the same time; nothing of this request was kept.");
  }

  private static Answer insertedTwice(Throwable failure, ExceptionDto camunda, Request request) {
    Matcher action = TASK_ACTION.matcher(request.path());
    String message = action.find() && action.group(2).equals("claim")
        ? "This task was claimed by another request at the same moment (perhaps your own, from another window); reload it."
        : "Another request stored the same record at the same moment (perhaps your own, from another window); "
            + "reload and try again.";
    return new Answer(Status.CONFLICT, OptimisticLockingException.class.getSimpleName(), message);
  }

  /** The refusal's own type and sentence, not the wrapping 500's "Cannot instantiate process definition ...". */
  private static Answer refusedInput(Throwable failure, ExceptionDto camunda, Request request) {
    return new Answer(Status.BAD_REQUEST, failure.getClass().getSimpleName(), failure.getMessage());
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    if (message == null || message.isBlank()) {
      return "the body is not valid JSON for this request";
    }
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}
