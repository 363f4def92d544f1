package org.peerflow.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/** The forms of {@code forms/} and the forms the diagrams of {@code processes/} use, read from the files. */
final class FormCatalog {

  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, JsonNode> forms = new TreeMap<>();
  private final TreeSet<String> referenced = new TreeSet<>();

  FormCatalog(Path formsFolder, Path processesFolder) {
    for (Path file : files(formsFolder, ".form")) {
      try {
        JsonNode form = JSON.readTree(file.toFile());
        forms.put(form.path("id").asText(), form);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (Path file : files(processesFolder, ".bpmn")) {
      var model = Bpmn.readModelFromFile(file.toFile());
      Stream.concat(
              model.getModelElementsByType(UserTask.class).stream(),
              model.getModelElementsByType(StartEvent.class).stream())
          .map(element -> ((BaseElement) element).getAttributeValueNs(CAMUNDA_NS, "formRef"))
          .filter(formRef -> formRef != null)
          .forEach(referenced::add);
    }
  }

  JsonNode form(String id) {
    JsonNode form = forms.get(id);
    if (form == null) {
      throw new AssertionError("There is no form '" + id + "' in forms/");
    }
    return form;
  }

  /** Every form a person may be shown: each file in forms/ and each form a diagram names. */
  TreeSet<String> all() {
    TreeSet<String> all = new TreeSet<>(forms.keySet());
    all.addAll(referenced);
    return all;
  }

  private static java.util.List<Path> files(Path folder, String suffix) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
