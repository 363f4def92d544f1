package org.peerflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * bpmnlint (recommended rules plus Camunda 7.24 compatibility, .bpmnlintrc) over every diagram in
 * processes/, as Desktop Modeler's own linting would show it to a process owner. Installs the
 * linter from package-lock.json on first use.
 */
class ModelLintIT {

  private static final Path LINTER = Path.of("node_modules", ".bin", "bpmnlint");

  @Test
  void everyDiagramPassesBpmnlintForCamunda724() throws Exception {
    if (!Files.isExecutable(LINTER)) {
      Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"));
      assertThat(install.exitCode())
          .as("npm ci (Node.js and npm are needed for the diagram linter):\n%s", install.output())
          .isZero();
    }
    List<String> command = new ArrayList<>(List.of(LINTER.toString()));
    try (Stream<Path> diagrams = Files.list(Path.of("processes"))) {
      diagrams
          .filter(file -> file.toString().endsWith(".bpmn"))
          .sorted()
          .forEach(file -> command.add(file.toString()));
    }
    assertThat(command).as("diagrams in processes/").hasSizeGreaterThan(1);

    Result lint = run(command);

    assertThat(lint.exitCode())
        .as("bpmnlint found problems:\n%s", lint.output())
        .isZero();
    assertThat(lint.output()).doesNotContain("warning");
  }

  record Result(int exitCode, String output) {}

  private static Result run(List<String> command) throws Exception {
    File log = File.createTempFile("peerflow-lint", ".log");
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log)
        .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within 5 minutes");
    }
    return new Result(process.exitValue(), Files.readString(log.toPath()));
  }
}
