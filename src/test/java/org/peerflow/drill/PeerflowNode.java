package org.peerflow.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.peerflow.Rest;

/**
 * One Peerflow application process as an operator runs it: the packaged jar in the production
 * profile, PostgreSQL and SMTP from environment variables, the first administrator from the
 * environment. Drills start several of these on one database, kill them and start them again.
 */
public final class PeerflowNode implements AutoCloseable {

  public static final String ADMIN = "operator";
  public static final String ADMIN_PASSWORD = "a-long-operator-password";

  private final String name;
  private final Path log;
  private final int port;
  private final Map<String, String> environment;
  private final List<String> arguments;
  private Process process;

  /**
   * @param name also the engine's host name in the job log ({@code ACT_HI_JOB_LOG.HOSTNAME_}), so
   *     a drill can tell which node ran a job
   */
  PeerflowNode(String name, Path logDir, String jdbcUrl, int smtpPort, String... extraArguments) {
    this.name = name;
    this.log = logDir.resolve(name + ".log");
    this.port = freePort();
    this.environment = Map.ofEntries(
        Map.entry("SPRING_PROFILES_ACTIVE", "production"),
        Map.entry("PEERFLOW_DB_URL", jdbcUrl),
        Map.entry("PEERFLOW_DB_USER", "postgres"),
        Map.entry("PEERFLOW_DB_PASSWORD", "postgres"),
        Map.entry("PEERFLOW_SMTP_HOST", "127.0.0.1"),
        Map.entry("PEERFLOW_SMTP_PORT", String.valueOf(smtpPort)),
        Map.entry("PEERFLOW_SMTP_STARTTLS", "false"),
        Map.entry("PEERFLOW_MAIL_FROM", "peerflow@example.org"),
        Map.entry("PEERFLOW_BASE_URL", "https://peerflow.example.org"),
        Map.entry("PEERFLOW_ADMIN_USER", ADMIN),
        Map.entry("PEERFLOW_ADMIN_PASSWORD", ADMIN_PASSWORD),
        Map.entry("PEERFLOW_HR_LEAD", ADMIN),
        // as docker-compose.yml names its nodes: Spring binds it to the engine's hostname
        Map.entry("CAMUNDA_BPM_GENERICPROPERTIES_PROPERTIES_HOSTNAME", name));
    this.arguments = new ArrayList<>(List.of(
        javaBinary(),
        "-Xmx256m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-jar",
        applicationJar().toString(),
        "--server.port=" + port));
    this.arguments.addAll(List.of(extraArguments));
  }

  /** Starts the process (appending to its log) and waits until its REST API answers. */
  public PeerflowNode start(Duration within) {
    ProcessBuilder builder = new ProcessBuilder(arguments)
        .directory(Path.of("").toAbsolutePath().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(variable -> variable.startsWith("PEERFLOW_"));
    builder.environment().putAll(environment);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        if (admin("GET", "/engine-rest/process-definition/count", null).status() == 200) {
          return this;
        }
      } catch (RuntimeException notUpYet) {
        // connection refused until Tomcat listens
      }
      sleep(500);
    }
    throw new AssertionError(name + " did not answer within " + within + ":\n" + log());
  }

  /** SIGKILL: no shutdown hook, no commit, no cleanup — as a power cut or the OOM killer. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public Rest rest() {
    return new Rest(port);
  }

  public Rest.Response admin(String method, String path, Object jsonBody) {
    return rest().call(method, ADMIN, ADMIN_PASSWORD, path, jsonBody);
  }

  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no log)";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  public static int freePort() {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Path applicationJar() {
    try (var files = Files.list(Path.of("target"))) {
      return files
          .filter(file -> file.getFileName().toString().matches("peerflow-.*\\.jar"))
          .findFirst()
          .map(Path::toAbsolutePath)
          .orElseThrow(() -> new AssertionError(
              "No packaged jar in target/: run mvn verify, not only the test phase"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
