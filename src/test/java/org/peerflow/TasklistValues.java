package org.peerflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

/**
 * Values typed as the Tasklist sends them, for tests that complete tasks without a browser. The
 * types were captured from real submissions: {@code src/test/resources/tasklist/value-types.json},
 * which the browser walk (EveryFormInTheTasklistIT) checks against every form it submits. Text,
 * radio, select and date fields arrive as String, checkboxes as Boolean, checklists as Json.
 */
public final class TasklistValues {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TasklistValues() {}

  /** A checklist's ticked values: a JSON array of strings, type Json. */
  public static JsonValue checklist(String... values) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(List.of(values))).create();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
