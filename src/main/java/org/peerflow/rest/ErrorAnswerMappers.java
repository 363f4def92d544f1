package org.peerflow.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ErrorAnswers} in front of Camunda's own exception mappers for the two kinds of
 * failure the REST API sees: an engine exception, and the RestException Camunda's resources wrap
 * one into. The priority makes Jersey choose these over Camunda's mappers of the same types.
 */
@Component
class ErrorAnswerMappers implements ResourceConfigCustomizer {

  @Override
  public void customize(ResourceConfig config) {
    config.register(EngineFailure.class);
    config.register(WrappedEngineFailure.class);
  }

  @Priority(1)
  public static class EngineFailure implements ExceptionMapper<ProcessEngineException> {
    @Context
    UriInfo uri;

    @Override
    public Response toResponse(ProcessEngineException e) {
      return ErrorAnswers.answer(e, new EngineRequest(uri));
    }
  }

  @Priority(1)
  public static class WrappedEngineFailure implements ExceptionMapper<RestException> {
    @Context
    UriInfo uri;

    @Override
    public Response toResponse(RestException e) {
      return ErrorAnswers.answer(e, new EngineRequest(uri));
    }
  }

  /** The request as the rows see it: its path, and the engine to ask whether a task still exists. */
  private record EngineRequest(UriInfo uri) implements ErrorAnswers.Request {
    @Override
    public String path() {
      return uri == null ? "" : uri.getPath();
    }

    @Override
    public boolean taskIsGone(String taskId) {
      ProcessEngine engine = ProcessEngines.getDefaultProcessEngine();
      var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
      // whether the task exists, not whether this user may see it: the rows decide between 403 and
      // 404
      return configuration
          .getCommandExecutorTxRequired()
          .execute(context -> context.runWithoutAuthorization(
              () -> engine.getTaskService().createTaskQuery().taskId(taskId).count() == 0));
    }
  }
}
