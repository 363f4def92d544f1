package org.peerflow.notification;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where users open Peerflow, so that an e-mail can link straight to a task.
 *
 * @param baseUrl the address users open Peerflow at ({@code peerflow.base-url})
 */
@Validated
@ConfigurationProperties("peerflow")
record TasklistLinks(@NotBlank String baseUrl) {

  String task(String taskId) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return base + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }
}
