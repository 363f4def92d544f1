package org.peerflow.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;

/**
 * One test per row of {@link ErrorAnswers}, on the exceptions the engine and Camunda's resources
 * throw, without a server: the status, type and message a client gets. The races that produce them
 * over HTTP are drilled in {@link RestReliabilityTest}.
 */
class ErrorAnswersTest {

  /** Task 42 was ended by another user; task 7 still exists. */
  private static ErrorAnswers.Request request(String path) {
    return new ErrorAnswers.Request() {
      @Override
      public String path() {
        return path;
      }

      @Override
      public boolean taskIsGone(String taskId) {
        return Set.of("42").contains(taskId);
      }
    };
  }

  private record Answered(int status, String type, String message) {}

  private static Answered answer(Throwable failure, String path) {
    Response response = ErrorAnswers.answer(failure, request(path));
    ExceptionDto body = (ExceptionDto) response.getEntity();
    return new Answered(response.getStatus(), body.getType(), body.getMessage());
  }

  @Test
  void aPermissionCheckOnATaskAnotherUserEndedSaysItIsGone() {
    AuthorizationException noPermission =
        new AuthorizationException("The user 'harper' does not have 'TASK_WORK' permission");

    assertThat(answer(noPermission, "task/42/claim"))
        .isEqualTo(
            new Answered(
                404,
                "AuthorizationException",
                "Task 42 was completed by someone else at the same time; nothing of this request was kept."));
    assertThat(answer(noPermission, "task/42/complete").status()).isEqualTo(409);
    assertThat(answer(noPermission, "task/7/complete").status())
        .as("a real refusal stays 403")
        .isEqualTo(403);
  }

  @Test
  void aWrappedFailureOnATaskAnotherUserEndedIsAConflict() {
    RestException wrapped = new RestException(
        Status.INTERNAL_SERVER_ERROR,
        new NullValueException("Cannot find task with id 42: task is null"),
        "Cannot complete task 42");

    assertThat(answer(wrapped, "task/42/complete"))
        .isEqualTo(
            new Answered(
                409,
                "RestException",
                "Task 42 was completed by someone else at the same time; nothing of this request was kept."));
    assertThat(answer(new RestException(Status.BAD_REQUEST, "Bad variable"), "task/42/complete")
            .status())
        .as("Camunda's own 4xx is not a race")
        .isEqualTo(400);
  }

  @Test
  void theEnginesVersionCheckIsAConflict() {
    Answered answer = answer(
        new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE TaskEntity' failed"),
        "task/7/assignee");

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.type()).isEqualTo("OptimisticLockingException");
    assertThat(answer.message())
        .isEqualTo("Someone else changed this task at the same time; reload it. "
            + "(ENGINE-03005 Execution of 'UPDATE TaskEntity' failed)");
  }

  @Test
  void camundasOptimisticLockingCodeIsAConflictWhateverTheClass() {
    assertThat(answer(new ProcessEngineException("changed concurrently", 1), "task/7/complete")
            .status())
        .isEqualTo(409);
    assertThat(answer(new ProcessEngineException("something else", 0), "task/7/complete")
            .status())
        .isEqualTo(500);
  }

  @Test
  void camundasDeadlockCodeIsAConflictToTryAgain() {
    Answered answer = answer(
        new RestException(
            Status.INTERNAL_SERVER_ERROR,
            new ProcessEnginePersistenceException("deadlock detected", null),
            "Cannot complete task 7"),
        "task/7/complete");
    assertThat(answer.status()).as("without the code it is Camunda's 500").isEqualTo(500);

    ProcessEnginePersistenceException deadlock =
        new ProcessEnginePersistenceException("deadlock detected", null);
    deadlock.setCode(10000);
    answer = answer(
        new RestException(Status.INTERNAL_SERVER_ERROR, deadlock, "Cannot complete task 7"),
        "task/7/complete");
    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.message())
        .startsWith("Another request changed the same data at the same moment; try again.");
  }

  @Test
  void aTaskAlreadyClaimedIsAConflict() {
    Answered answer = answer(new TaskAlreadyClaimedException("7", "hana"), "task/7/claim");

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.message())
        .startsWith("Someone else changed this task at the same time; reload it.")
        .contains("is already claimed by someone else");
  }

  @Test
  void aUniqueKeyViolationIsAConflictFoundBySqlStateNotByTheKeysName() {
    ProcessEnginePersistenceException duplicate = new ProcessEnginePersistenceException(
        "insert failed",
        new SQLException("duplicate key value violates unique constraint \"any_key\"", "23505"));
    Answered claim = answer(duplicate, "task/7/claim");
    assertThat(claim)
        .isEqualTo(
            new Answered(
                409,
                "OptimisticLockingException",
                "This task was claimed by another "
                    + "request at the same moment (perhaps your own, from another window); reload it."));
    assertThat(answer(duplicate, "user/create").message())
        .startsWith("Another request stored the same record");

    BatchUpdateException batch =
        new BatchUpdateException("Batch entry 0 was aborted", "", 0, new int[0]);
    batch.setNextException(new SQLException("duplicate key", "23505"));
    assertThat(answer(new ProcessEnginePersistenceException("flush failed", batch), "task/7/claim")
            .status())
        .as("a JDBC batch reports the statement's error as its next exception")
        .isEqualTo(409);

    assertThat(answer(
                new ProcessEnginePersistenceException(
                    "insert failed", new SQLException("foreign key violation", "23503")),
                "task/7/claim")
            .status())
        .isEqualTo(500);
  }

  @Test
  void aRequestNamingATaskThatIsGoneIsNotFound() {
    NullValueException gone = new NullValueException("Cannot find task with id 42: task is null");

    assertThat(answer(gone, "task/42/claim"))
        .isEqualTo(
            new Answered(404, "NullValueException", "Cannot find task with id 42: task is null"));
    assertThat(answer(new NullValueException("userId is null"), "task/7/claim").status())
        .as("a null value about an existing task is Camunda's answer")
        .isEqualTo(500);
    assertThat(answer(gone, "history/task/42").status()).isEqualTo(500);
  }

  @Test
  void whatTheEngineDoesNotFindIsNotFound() {
    assertThat(answer(
            new NotFoundException("No process definition found for key 'nope'"),
            "process-definition/key/nope/start"))
        .isEqualTo(
            new Answered(404, "NotFoundException", "No process definition found for key 'nope'"));
  }

  @Test
  void refusedInputIsABadRequestWithItsOwnSentenceEvenWhenCamundaWrapsIt() {
    RestException wrapped = new RestException(
        Status.INTERNAL_SERVER_ERROR,
        new ProcessEngineException(
            "ENGINE-16004 Exception while closing command context",
            new BadUserRequestException("There is no position 'POS-NOPE'.")),
        "Cannot instantiate process definition fair-chance-hiring:3");

    assertThat(answer(wrapped, "process-definition/key/fair-chance-hiring/start"))
        .isEqualTo(
            new Answered(400, "BadUserRequestException", "There is no position 'POS-NOPE'."));
  }

  @Test
  void aFormChecksRefusalIsABadRequestWithItsOwnSentence() {
    ProcessEngineException wrapped = new ProcessEngineException(
        "ENGINE-03051 There was an exception during the " + "transaction",
        new FormFieldValidationException(
            "required",
            "Field 'meetsPostedQualifications' of form "
                + "'application-screening' is not completed"));

    assertThat(answer(wrapped, "task/7/complete"))
        .isEqualTo(new Answered(
            400,
            "FormFieldValidationException",
            "Field 'meetsPostedQualifications' of form 'application-screening' is not completed"));
  }

  @Test
  void anyOtherFailureKeepsCamundasAnswerWithAMessage() {
    assertThat(
            answer(new ProcessEngineException("ENGINE-00000 something broke"), "task/7/complete"))
        .isEqualTo(new Answered(500, "ProcessEngineException", "ENGINE-00000 something broke"));
    assertThat(answer(
                new RestException(
                    Status.BAD_REQUEST,
                    new IllegalArgumentException("Unexpected end-of-input"),
                    null),
                "process-definition/key/x/start")
            .message())
        .isEqualTo("The request could not be read: Unexpected end-of-input");
  }
}
