package org.peerflow.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a Camunda Form shows and collects, component by component, for the vocabulary checks. */
record FormContent(String resourceName, Optional<String> id, List<Component> components) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> INPUT_TYPES = Set.of(
      "textfield",
      "textarea",
      "number",
      "datetime",
      "checkbox",
      "checklist",
      "radio",
      "select",
      "taglist",
      "dynamiclist");
  private static final List<String> SHOWN =
      List.of("label", "description", "text", "placeholder", "dateLabel", "content");

  /**
   * @param field whether it collects a value (its key becomes a process variable)
   * @param asked what a field asks for: its key, label and option labels and values, without the
   *     explanatory texts (which may say what is never asked)
   */
  record Component(
      String id, String label, boolean field, String shownText, String key, String asked) {
    String describe() {
      return id + (label == null || label.isBlank() ? "" : " (\"" + label + "\")");
    }
  }

  /**
   * @param bytes a Camunda Form: JSON with its {@code id} (what a {@code camunda:formRef} names) and components
   * @throws IOException when it is not JSON
   */
  static FormContent parse(String resourceName, byte[] bytes) throws IOException {
    JsonNode form = JSON.readTree(bytes);
    if (form == null) {
      throw new IOException("the file is empty");
    }
    List<Component> components = new ArrayList<>();
    collect(form.path("components"), components);
    return new FormContent(
        resourceName, Optional.ofNullable(form.path("id").asText(null)), components);
  }

  private static void collect(JsonNode nodes, List<Component> into) {
    for (JsonNode node : nodes) {
      StringBuilder shown = new StringBuilder();
      for (String attribute : SHOWN) {
        shown.append(node.path(attribute).asText("")).append('\n');
      }
      for (JsonNode value : node.path("values")) {
        shown
            .append(value.path("label").asText(""))
            .append(' ')
            .append(value.path("value").asText(""))
            .append('\n');
      }
      String type = node.path("type").asText("");
      String key = node.path("key").asText(null);
      String label = node.path("label").asText(node.path("dateLabel").asText(null));
      StringBuilder asked =
          new StringBuilder(key == null ? "" : key).append('\n').append(label == null ? "" : label);
      for (JsonNode value : node.path("values")) {
        asked
            .append('\n')
            .append(value.path("label").asText(""))
            .append(' ')
            .append(value.path("value").asText(""));
      }
      into.add(new Component(
          node.path("id").asText(key == null ? type : key),
          label,
          INPUT_TYPES.contains(type),
          shown.toString(),
          key,
          asked.toString()));
      collect(node.path("components"), into);
    }
  }

  /** @return the first component that speaks of the vocabulary (fields only, or everything shown) */
  Optional<Hit> find(Vocabulary vocabulary, boolean fieldsOnly) {
    for (Component component : components) {
      if (fieldsOnly && !component.field()) {
        continue;
      }
      Optional<String> word = vocabulary.find(
          component.shownText() + " " + (component.key() == null ? "" : component.key()));
      if (word.isPresent()) {
        return Optional.of(new Hit(component, word.get()));
      }
    }
    return Optional.empty();
  }

  /** @return the first field whose key, label or options ask for something the vocabulary names */
  Optional<Hit> findAsked(Vocabulary vocabulary) {
    for (Component component : components) {
      if (!component.field()) {
        continue;
      }
      Optional<String> word = vocabulary.find(component.asked());
      if (word.isPresent()) {
        return Optional.of(new Hit(component, word.get()));
      }
    }
    return Optional.empty();
  }

  record Hit(Component component, String word) {}
}
