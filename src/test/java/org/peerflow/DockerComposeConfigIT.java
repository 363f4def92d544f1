package org.peerflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml is valid, gives both nodes every production setting, and takes its secrets
 * from the environment only. No Docker engine is needed: {@code docker-compose config} only
 * interpolates and validates the file (Debian's docker-compose, which {@code .ci/run} installs).
 */
class DockerComposeConfigIT {

  static final List<String> NODES = List.of("peerflow-1", "peerflow-2");

  /** The values a site puts in .env (see .env.example); placeholders, like that file's. */
  static final Map<String, String> PLACEHOLDERS = Map.of(
      "PEERFLOW_DB_USER", "peerflow",
      "PEERFLOW_DB_PASSWORD", "placeholder-db-password",
      "PEERFLOW_MAIL_FROM", "peerflow@example.org",
      "PEERFLOW_BASE_URL", "http://localhost:8080",
      "PEERFLOW_ADMIN_USER", "admin",
      "PEERFLOW_ADMIN_PASSWORD", "placeholder-admin-password",
      "PEERFLOW_HR_LEAD", "hr-lead");

  @TempDir
  Path temp;

  @Test
  void composeFileIsValidWithTheSettingsOfEnvExample() throws Exception {
    Result result = compose(PLACEHOLDERS, "config", "-q");
    assertThat(result.exitCode())
        .as("docker-compose config -q said:%n%s", result.output())
        .isZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void bothNodesShareTheDatabaseAndHaveEveryProductionSetting() throws Exception {
    Result result = compose(PLACEHOLDERS, "config");
    assertThat(result.exitCode()).as(result.output()).isZero();

    Map<String, Object> services = (Map<String, Object>)
        new Yaml().<Map<String, Object>>load(result.output()).get("services");
    assertThat(services).containsKeys("postgres", "mailpit", "peerflow-1", "peerflow-2");
    for (String node : NODES) {
      Map<String, Object> environment =
          (Map<String, Object>) ((Map<String, Object>) services.get(node)).get("environment");
      for (ProductionSettingsCheck.Setting setting : ProductionSettingsCheck.SETTINGS) {
        assertThat(environment).as("%s's environment", node).containsKey(setting.name());
        assertThat(String.valueOf(environment.get(setting.name())))
            .as("%s of %s", setting.name(), node)
            .isNotBlank();
      }
      assertThat(environment.get("PEERFLOW_DB_URL"))
          .isEqualTo("jdbc:postgresql://postgres:5432/peerflow");
      assertThat(environment.get("PEERFLOW_SMTP_STARTTLS")).isEqualTo("false");
      // the engine's hostname, so that Cockpit's job log tells the nodes apart (bound as TwoNodesIT
      // binds it)
      assertThat(environment.get("CAMUNDA_BPM_GENERICPROPERTIES_PROPERTIES_HOSTNAME"))
          .as("%s's name", node)
          .isEqualTo(node);
    }
    Map<String, Object> postgres = (Map<String, Object>) services.get("postgres");
    assertThat(postgres).containsKey("healthcheck");
    assertThat(((Map<String, Object>) postgres.get("environment")).get("POSTGRES_PASSWORD"))
        .as("the database password comes from the environment")
        .isEqualTo("placeholder-db-password");
  }

  @Test
  void aMissingSecretStopsComposeWithItsName() throws Exception {
    Map<String, String> withoutAdminPassword = new HashMap<>(PLACEHOLDERS);
    withoutAdminPassword.remove("PEERFLOW_ADMIN_PASSWORD");

    Result result = compose(withoutAdminPassword, "config", "-q");

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output().strip())
        .endsWith("set PEERFLOW_ADMIN_PASSWORD in .env (see .env.example)");
  }

  record Result(int exitCode, String output) {}

  /**
   * Runs docker-compose in the repository root with exactly {@code settings} as PEERFLOW_ values:
   * the caller's own PEERFLOW_ variables and a developer's .env file are left out.
   */
  private Result compose(Map<String, String> settings, String... arguments)
      throws IOException, InterruptedException {
    String executable = dockerCompose();
    Path emptyEnvFile = Files.writeString(temp.resolve("empty.env"), "");
    List<String> command = new java.util.ArrayList<>(
        List.of(executable, "--env-file", emptyEnvFile.toString(), "--file", "docker-compose.yml"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(new File(System.getProperty("user.dir")))
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> environment = builder.environment();
    environment
        .keySet()
        .removeIf(name -> name.startsWith("PEERFLOW_") || name.startsWith("COMPOSE_"));
    environment.putAll(new LinkedHashMap<>(settings));
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("docker-compose did not finish within 60 s");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private static String dockerCompose() {
    for (String folder :
        System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(folder, "docker-compose");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError(
        "docker-compose is not installed, so docker-compose.yml cannot be checked. "
            + ".ci/run installs it (Debian package docker-compose): apt-get install -y docker-compose");
  }
}
