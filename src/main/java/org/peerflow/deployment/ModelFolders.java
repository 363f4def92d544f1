package org.peerflow.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The process owners' folders and the models in them, named stably across machines. */
class ModelFolders {

  private static final List<String> MODEL_SUFFIXES = List.of(".bpmn", ".dmn", ".form");

  private final List<Path> folders;

  ModelFolders(List<String> locations) {
    this.folders = locations.stream()
        .map(location -> Path.of(location).toAbsolutePath().normalize())
        .toList();
  }

  List<Path> folders() {
    return folders;
  }

  /**
   * @return resource name ({@code processes/hiring.bpmn}) to content, sorted by name; a missing
   *     folder holds nothing
   */
  Map<String, byte[]> read() {
    Map<String, byte[]> models = new TreeMap<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.filter(ModelFolders::isModel).sorted().toList()) {
          String name =
              folder.getFileName() + "/" + folder.relativize(file).toString().replace('\\', '/');
          models.put(name, Files.readAllBytes(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read models from " + folder, e);
      }
    }
    return models;
  }

  static boolean isModel(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file)
        && !name.startsWith(".")
        && MODEL_SUFFIXES.stream().anyMatch(name::endsWith);
  }
}
