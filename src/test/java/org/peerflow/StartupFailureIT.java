package org.peerflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up failures as an operator meets them: the packaged application is started as its own
 * process and must stop with one message that names what to fix.
 */
class StartupFailureIT {

  @TempDir
  Path root;

  @Test
  void aBrokenModelStopsStartUpWithAMessageNamingTheFile() throws Exception {
    Files.createDirectories(root.resolve("processes"));
    Files.createDirectories(root.resolve("forms"));
    Files.copy(
        Path.of("src/test/resources/deployment/broken/unclosed-tag.bpmn"),
        root.resolve("processes/unclosed-tag.bpmn"));

    Result result = start(
        Map.of(),
        "--peerflow.deployment.locations=" + root.resolve("processes") + ","
            + root.resolve("forms"),
        "--spring.datasource.url=jdbc:h2:mem:startup-failure",
        "--server.port=0",
        "--peerflow.mail-sink.enabled=false",
        "--peerflow.deployment.watch=false");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output())
        .contains("Peerflow did not start because a model in the process folders was refused")
        .contains("Deployment refused: processes/unclosed-tag.bpmn: not a valid BPMN 2.0 diagram");
  }

  @Test
  void aMissingProductionSettingStopsStartUpNamingTheSetting() throws Exception {
    Result result = start(Map.of(), "--spring.profiles.active=production");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output())
        .contains(
            "The setting PEERFLOW_DB_URL (the JDBC URL of the PostgreSQL database) is not set");
  }

  @Test
  void aWrongProductionSettingStopsStartUpNamingTheSettingButNotItsValue() throws Exception {
    Map<String, String> env = Map.of(
        "PEERFLOW_DB_URL",
        "jdbc:postgresql://db:5432/peerflow",
        "PEERFLOW_DB_USER",
        "peerflow",
        "PEERFLOW_DB_PASSWORD",
        "secret-value-1",
        "PEERFLOW_SMTP_HOST",
        "mail",
        "PEERFLOW_SMTP_PORT",
        "not-a-port");

    Result result = start(env, "--spring.profiles.active=production");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output())
        .contains(
            "The setting PEERFLOW_SMTP_PORT (the SMTP server's port) has an invalid value; expected a number from 1 to 65535")
        .doesNotContain("secret-value-1");
  }

  record Result(int exitCode, String output) {}

  private Result start(Map<String, String> env, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        javaBinary(),
        "-Xmx256m",
        "-XX:TieredStopAtLevel=1",
        "-jar",
        applicationJar().toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).directory(root.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("PEERFLOW_"));
    builder.environment().putAll(env);
    File log = root.resolve("startup.log").toFile();
    builder.redirectOutput(log);
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "Peerflow did not stop within 120 s; it should have refused to start:\n"
              + Files.readString(log.toPath()));
    }
    return new Result(process.exitValue(), Files.readString(log.toPath()));
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Path applicationJar() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      return files
          .filter(file -> file.getFileName().toString().matches("peerflow-.*\\.jar"))
          .findFirst()
          .map(Path::toAbsolutePath)
          .orElseThrow(() -> new AssertionError(
              "No packaged jar in target/: run mvn verify, not only the test phase"));
    }
  }
}
