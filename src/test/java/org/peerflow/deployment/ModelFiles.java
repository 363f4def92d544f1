package org.peerflow.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The test models under src/test/resources/deployment, laid out as a process owner would. */
final class ModelFiles {

  static final Path VALID = Path.of("src/test/resources/deployment/valid");
  static final Path BROKEN = Path.of("src/test/resources/deployment/broken");

  private ModelFiles() {}

  /** Copies the valid demo models into {@code root/processes} and {@code root/forms}. */
  static void layOutValidModels(Path root) {
    copy(VALID.resolve("deployment-demo.bpmn"), root.resolve("processes"));
    copy(VALID.resolve("deployment-demo-window.dmn"), root.resolve("processes"));
    copy(VALID.resolve("deployment-demo-review.form"), root.resolve("forms"));
  }

  /** Puts a broken model beside the valid ones, in the folder its kind belongs to. */
  static String addBrokenModel(Path root, String brokenFile) {
    String folder = brokenFile.endsWith(".form") ? "forms" : "processes";
    copy(BROKEN.resolve(brokenFile), root.resolve(folder));
    return folder + "/" + brokenFile;
  }

  static void copy(Path file, Path folder) {
    try {
      Files.createDirectories(folder);
      Files.copy(file, folder.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
