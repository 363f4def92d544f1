package org.peerflow.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * Camunda's REST API answers a refused start ({@code /process-definition/.../start},
 * {@code .../submit-form}) with HTTP 500 whatever the engine said, because it wraps every engine
 * exception of a start. When Peerflow refused the input (a {@link BadUserRequestException}: an
 * unknown position, a missing e-mail address) the caller sent something wrong, and is told so
 * with HTTP 400 and the sentence that says what. Everything else keeps Camunda's answer.
 */
@Priority(1)
class RefusedInputMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camunda = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    Throwable cause = exception.getCause();
    if (cause instanceof BadUserRequestException refused) {
      return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
          .entity(Map.of("type", refused.getClass().getSimpleName(), "message", refused.getMessage()))
          .build();
    }
    return camunda.toResponse(exception);
  }
}
