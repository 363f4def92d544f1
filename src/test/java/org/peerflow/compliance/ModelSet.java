package org.peerflow.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The real product models of processes/ and forms/, as one deployment, with one edit applied — the
 * way a process owner would change them in Desktop Modeler.
 */
final class ModelSet {

  private static final ObjectMapper JSON = new ObjectMapper();

  final Map<String, byte[]> files = new TreeMap<>();

  static ModelSet real() {
    ModelSet set = new ModelSet();
    for (String folder : new String[] {"processes", "forms"}) {
      try (Stream<Path> paths = Files.list(Path.of(folder))) {
        paths
            .sorted()
            .forEach(path -> set.files.put(folder + "/" + path.getFileName(), read(path)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return set;
  }

  ModelSet bpmn(String name, Consumer<BpmnModelInstance> edit) {
    BpmnModelInstance model = Bpmn.readModelFromStream(
        new ByteArrayInputStream(files.get("processes/" + name + ".bpmn")));
    edit.accept(model);
    files.put(
        "processes/" + name + ".bpmn",
        Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  ModelSet text(String resource, String from, String to) {
    String text = new String(files.get(resource), StandardCharsets.UTF_8);
    if (!text.contains(from)) {
      throw new IllegalArgumentException(resource + " does not contain " + from);
    }
    files.put(resource, text.replace(from, to).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Appends a component (given as JSON) to a form. */
  ModelSet formComponent(String form, String componentJson) {
    try {
      ObjectNode schema = (ObjectNode) JSON.readTree(files.get("forms/" + form + ".form"));
      ((ArrayNode) schema.get("components")).add(JSON.readTree(componentJson));
      files.put(
          "forms/" + form + ".form",
          JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(schema));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void writeTo(Path root) {
    files.forEach((name, bytes) -> {
      try {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
