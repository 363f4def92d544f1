package org.peerflow.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * The required fields of each form of a deployment, read once from the deployed form JSON and
 * kept (a deployment never changes). Only top-level fields and fields in groups are checked;
 * fields under a {@code conditional} (or in a conditional group) and in dynamic lists are not.
 */
final class FormRequirements {

  record Field(String key, String label) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, List<Field>> cache = new ConcurrentHashMap<>();

  List<Field> required(String deploymentId, String formId) {
    return cache.computeIfAbsent(deploymentId + "/" + formId, k -> read(deploymentId, formId));
  }

  private static List<Field> read(String deploymentId, String formId) {
    RepositoryService repository = Context.getProcessEngineConfiguration().getRepositoryService();
    return Context.getCommandContext().runWithoutAuthorization(() -> {
      for (String name : repository.getDeploymentResourceNames(deploymentId)) {
        if (!name.endsWith(".form")) {
          continue;
        }
        try (InputStream in = repository.getResourceAsStream(deploymentId, name)) {
          JsonNode form = JSON.readTree(in);
          if (formId.equals(form.path("id").asText())) {
            List<Field> fields = new ArrayList<>();
            collect(form.path("components"), fields);
            return List.copyOf(fields);
          }
        } catch (IOException e) {
          return List
              .<Field>of(); // the deployment check refuses unreadable forms; nothing to enforce
        }
      }
      return List.<Field>of();
    });
  }

  private static void collect(JsonNode components, List<Field> fields) {
    for (JsonNode component : components) {
      if (component.hasNonNull("conditional") && component.path("conditional").hasNonNull("hide")) {
        continue;
      }
      String type = component.path("type").asText();
      if ("group".equals(type)) {
        collect(component.path("components"), fields);
      } else if (component.path("validate").path("required").asBoolean(false)
          && component.hasNonNull("key")
          && !component.path("disabled").asBoolean(false)
          && !component.path("readonly").asBoolean(false)) {
        String key = component.path("key").asText();
        fields.add(new Field(key, component.path("label").asText(key)));
      }
    }
  }
}
