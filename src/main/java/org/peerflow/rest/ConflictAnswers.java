package org.peerflow.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Two users acting on one task at once is normal work, not a server error. Camunda's REST API
 * answers it with HTTP 500 (an optimistic-locking failure, "task already claimed", or "cannot find
 * task" when the other user's completion won, a duplicate-key error when one user claims a task
 * twice at once); these answers say 409 Conflict — or 404 when a claimed task is gone — with the
 * engine's sentence or a plain one. A completion refused by a form check (see
 * org.peerflow.forms) is 400 with its sentence, and so is a start Peerflow refused (an unknown
 * position, a missing e-mail address), which Camunda wraps into a 500; a 4xx without a message gets
 * one. Every other error keeps Camunda's own answer.
 */
@Component
class ConflictAnswers implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(EngineConflict.class);
    config.register(ClaimConflict.class);
    config.register(TaskGone.class);
    config.register(WrappedConflict.class);
    config.register(AuthorizationGoneWithTask.class);
    config.register(SimultaneousClaim.class);
  }

  static Response answer(Throwable shown, Throwable cause) {
    ExceptionDto dto = ExceptionHandlerHelper.getInstance().fromException(shown);
    BadUserRequestException refusedInput = Causes.find(cause, BadUserRequestException.class);
    FormFieldValidationException missingField = Causes.find(cause, FormFieldValidationException.class);
    Response.Status status;
    if (cause instanceof OptimisticLockingException || cause instanceof TaskAlreadyClaimedException) {
      status = Response.Status.CONFLICT;
      dto.setMessage("Someone else changed this task at the same time; reload it. (" + dto.getMessage() + ")");
    } else if (claimedTwiceAtOnce(cause)) {
      status = Response.Status.CONFLICT;
      dto.setType(OptimisticLockingException.class.getSimpleName());
      dto.setMessage("This task was claimed by another request at the same moment (perhaps your own, "
          + "from another window); reload it.");
    } else if (cause instanceof NullValueException && String.valueOf(cause.getMessage()).startsWith("Cannot find task")) {
      status = Response.Status.NOT_FOUND;
    } else if (refusedInput != null) {
      // Peerflow refused the input of a start (an unknown position, a missing e-mail address):
      // Camunda wraps every engine exception of a start into a 500, but the caller sent something wrong
      status = Response.Status.BAD_REQUEST;
      dto.setType(BadUserRequestException.class.getSimpleName());
      dto.setMessage(refusedInput.getMessage());
    } else if (missingField != null) {
      // a built-in listener's refusal arrives wrapped by the engine ("ENGINE-03051 ..."): say it plainly
      status = Response.Status.BAD_REQUEST;
      dto.setType(FormFieldValidationException.class.getSimpleName());
      dto.setMessage(missingField.getMessage());
    } else {
      Response answer = ExceptionHandlerHelper.getInstance().getResponse(shown);
      if (answer.getEntity() instanceof ExceptionDto camunda && (camunda.getMessage() == null || camunda.getMessage().isBlank())) {
        // e.g. a body that is not JSON: Camunda answers 400 without a word
        camunda.setMessage("The request could not be read: " + rootMessage(shown));
      }
      return answer;
    }
    return Response.status(status).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  /**
   * Two claims by one user at once both find no authorization of that user on the task and both
   * insert one; the database's unique key on user and resource refuses the second (H2 and
   * PostgreSQL name the key as Camunda's schema does).
   */
  private static boolean claimedTwiceAtOnce(Throwable e) {
    return Causes.find(e, t -> t instanceof java.sql.SQLException
        && String.valueOf(t.getMessage()).toUpperCase().contains("ACT_UNIQ_AUTH_USER")) != null;
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

  /** Thrown directly by the engine (claim, assignee changes). */
  public static class EngineConflict implements ExceptionMapper<OptimisticLockingException> {
    @Override
    public Response toResponse(OptimisticLockingException e) {
      return answer(e, e);
    }
  }

  public static class ClaimConflict implements ExceptionMapper<TaskAlreadyClaimedException> {
    @Override
    public Response toResponse(TaskAlreadyClaimedException e) {
      return answer(e, e);
    }
  }

  /** Claiming a task another user has just completed. */
  public static class TaskGone implements ExceptionMapper<NullValueException> {
    @Override
    public Response toResponse(NullValueException e) {
      return answer(e, e);
    }
  }

  /** Wrapped by Camunda's resources (task completion) into a RestException with status 500. */
  @Priority(1)
  public static class WrappedConflict implements ExceptionMapper<RestException> {

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    @Override
    public Response toResponse(RestException e) {
      if (e.getStatus() == Response.Status.INTERNAL_SERVER_ERROR) {
        Response lostRace = lostRace(uri, e);
        if (lostRace != null) {
          return lostRace;
        }
      }
      return answer(e, e.getCause());
    }
  }

  /** One user's two claims of one task at once (two windows, two threads): the loser's insert fails. */
  public static class SimultaneousClaim implements ExceptionMapper<ProcessEnginePersistenceException> {
    @Override
    public Response toResponse(ProcessEnginePersistenceException e) {
      return answer(e, e);
    }
  }

  /**
   * The other user's completion won and took the task's authorizations with it, so the engine
   * answers the loser's check with "no permission" (403). The task is gone: a claim says so with
   * 404, as a claim of an already completed task does; a completion says 409.
   */
  public static class AuthorizationGoneWithTask implements ExceptionMapper<AuthorizationException> {

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    @Override
    public Response toResponse(AuthorizationException e) {
      Response lostRace = lostRace(uri, e);
      return lostRace != null ? lostRace : ExceptionHandlerHelper.getInstance().getResponse(e);
    }
  }

  private static final java.util.regex.Pattern TASK_ACTION = java.util.regex.Pattern.compile("task/([^/]+)/(claim|complete|submit-form|resolve)$");

  /** @return a 409 (404 for a claim) when the request acted on a task that another user's action has just ended */
  private static Response lostRace(jakarta.ws.rs.core.UriInfo uri, Exception e) {
    if (uri == null) {
      return null;
    }
    var action = TASK_ACTION.matcher(uri.getPath());
    if (!action.find() || !taskIsGone(action.group(1))) {
      return null;
    }
    ExceptionDto dto = ExceptionHandlerHelper.getInstance().fromException(e);
    dto.setMessage("Task " + action.group(1) + " was completed by someone else at the same time; "
        + "nothing of this request was kept.");
    Response.Status status = action.group(2).equals("claim") ? Response.Status.NOT_FOUND : Response.Status.CONFLICT;
    return Response.status(status).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  private static boolean taskIsGone(String taskId) {
    var engine = org.camunda.bpm.engine.ProcessEngines.getDefaultProcessEngine();
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(
        () -> engine.getTaskService().createTaskQuery().taskId(taskId).count() == 0));
  }
}
