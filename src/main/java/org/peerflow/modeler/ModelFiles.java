package org.peerflow.modeler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where files are the source of truth (the embedded default deploys {@code processes/} and
 * {@code forms/}), what the web modeler deploys is written into those files too, so that Desktop
 * Modeler and git see the model the engine runs. A deployed resource {@code processes/x.bpmn}
 * belongs to the configured folder named {@code processes}, as the folder deployment names it;
 * a resource of no configured folder is not written.
 *
 * <p>Off unless {@code peerflow.modeler.write-to-folders} is true (the embedded default only: on a
 * server the folders are an image's or a volume's, and the test suite must never change the
 * repository's own folders; a test points the writer at a temporary folder with {@link #writeInto}).
 */
@Component
class ModelFiles {

  private static final Logger LOG = LoggerFactory.getLogger(ModelFiles.class);

  private volatile List<Path> folders;
  private volatile boolean writing;

  ModelFiles(
      @Value("${peerflow.modeler.write-to-folders:false}") boolean writing,
      @Value("${peerflow.deployment.locations:processes,forms}") String[] locations) {
    this.folders = Arrays.stream(locations).map(ModelFiles::folder).toList();
    this.writing = writing;
  }

  boolean writing() {
    return writing;
  }

  /** The content of a deployed resource's file in the folders, when the file is there. */
  Optional<byte[]> read(String resourceName) {
    return fileFor(resourceName).filter(Files::isRegularFile).map(file -> {
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    });
  }

  /**
   * Writes every resource that belongs to a configured folder and differs from its file there
   * (the edited model, and the forms and tables deployed with it when their files are missing or
   * older). Each file is replaced whole (written beside it, then moved over it), so an editor or
   * the folder watcher never reads half a model.
   *
   * @return the files written
   */
  List<Path> write(Map<String, byte[]> resources) {
    List<Path> written = new ArrayList<>();
    if (!writing) {
      return written;
    }
    resources.forEach((resourceName, content) -> fileFor(resourceName).ifPresent(file -> {
      try {
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
          return;
        }
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling("." + file.getFileName() + ".peerflow-modeler");
        Files.write(temporary, content);
        Files.move(
            temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        written.add(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + resourceName + " to " + file, e);
      }
    }));
    if (!written.isEmpty()) {
      LOG.info("PEERFLOW-MOD-003 Wrote {} into the model folders", written);
    }
    return written;
  }

  /**
   * The file of a deployed resource in the configured folders (the deployment's, {@code
   * peerflow.deployment.locations}); empty for a resource of no folder.
   */
  Optional<Path> fileFor(String resourceName) {
    int slash = resourceName.indexOf('/');
    if (slash < 1) {
      return Optional.empty();
    }
    String folderName = resourceName.substring(0, slash);
    for (Path folder : folders) {
      if (folder.getFileName() != null && folder.getFileName().toString().equals(folderName)) {
        Path file = folder.resolve(resourceName.substring(slash + 1)).normalize();
        // a resource name is the engine's, but it is still never a way out of the folder
        return file.startsWith(folder) && !file.equals(folder)
            ? Optional.of(file)
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Points the writer at other folders until the returned handle is closed (tests: a temporary
   * folder, never the repository's own).
   */
  AutoCloseable writeInto(List<Path> otherFolders) {
    List<Path> foldersBefore = folders;
    boolean writingBefore = writing;
    folders =
        otherFolders.stream().map(path -> path.toAbsolutePath().normalize()).toList();
    writing = true;
    return () -> {
      folders = foldersBefore;
      writing = writingBefore;
    };
  }

  private static Path folder(String location) {
    return Path.of(location.strip()).toAbsolutePath().normalize();
  }
}
