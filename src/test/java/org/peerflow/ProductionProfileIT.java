package org.peerflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application in the production profile, as an operator starts it: PostgreSQL and
 * SMTP from environment variables, the first administrator from the environment, no demo users,
 * the REST API closed to anonymous callers.
 */
class ProductionProfileIT {

  @TempDir Path workDir;

  @Test
  void productionStartsOnPostgresWithTheFirstAdministratorAndNoDemoUsers() throws Exception {
    int httpPort = freePort();
    GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-jar", applicationJar().toString(), "--server.port=" + httpPort)
          .directory(Path.of("").toAbsolutePath().toFile())
          .redirectErrorStream(true).redirectOutput(workDir.resolve("production.log").toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("PEERFLOW_"));
      builder.environment().putAll(Map.of(
          "SPRING_PROFILES_ACTIVE", "production",
          "PEERFLOW_DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
          "PEERFLOW_DB_USER", "postgres", "PEERFLOW_DB_PASSWORD", "postgres",
          "PEERFLOW_SMTP_HOST", "127.0.0.1", "PEERFLOW_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
          "PEERFLOW_MAIL_FROM", "peerflow@example.org", "PEERFLOW_BASE_URL", "https://peerflow.example.org",
          "PEERFLOW_ADMIN_USER", "operator", "PEERFLOW_ADMIN_PASSWORD", "a-long-operator-password"));
      builder.environment().put("PEERFLOW_HR_LEAD", "operator");
      builder.environment().put("PEERFLOW_SMTP_STARTTLS", "false");
      Process app = builder.start();
      try {
        Rest rest = new Rest(httpPort);
        long deadline = System.currentTimeMillis() + 120_000;
        Rest.Response users = null;
        while (System.currentTimeMillis() < deadline && app.isAlive()) {
          try {
            users = rest.get(null, "/engine-rest/user");
            break;
          } catch (RuntimeException notUpYet) {
            Thread.sleep(500);
          }
        }
        assertThat(app.isAlive()).as(Files.readString(workDir.resolve("production.log"))).isTrue();
        assertThat(users).as("Peerflow answered within 120 s").isNotNull();
        assertThat(users.status()).as("anonymous user list").isEqualTo(401);

        assertThat(rest.get(null, "/engine-rest/task").status()).as("anonymous").isEqualTo(401);
        Rest.Response asAdmin = new Rest(httpPort).getAs("operator", "a-long-operator-password", "/engine-rest/user");
        assertThat(asAdmin.status()).as(asAdmin.body()).isEqualTo(200);
        List<String> ids = asAdmin.json().findValuesAsText("id");
        assertThat(ids).containsExactly("operator");
        assertThat(new Rest(httpPort).getAs("operator", "a-long-operator-password", "/engine-rest/group").json()
            .findValuesAsText("id")).contains("hr", "supervisors", "peer-specialists", "clinicians", "process-owners");
        assertThat(new Rest(httpPort).getAs("operator", "a-long-operator-password",
            "/engine-rest/process-definition?key=fair-chance-hiring").json().findValuesAsText("key"))
            .contains("fair-chance-hiring");
        assertThat(rest.get("harper", "/engine-rest/task").status()).as("no demo user harper").isEqualTo(401);
        assertThat(Files.readString(workDir.resolve("production.log"))).doesNotContain("a-long-operator-password");
      } finally {
        app.destroy();
        if (!app.waitFor(30, TimeUnit.SECONDS)) {
          app.destroyForcibly();
        }
      }
    } finally {
      smtp.stop();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Path applicationJar() throws Exception {
    try (var files = Files.list(Path.of("target"))) {
      return files.filter(file -> file.getFileName().toString().matches("peerflow-.*\\.jar"))
          .findFirst().map(Path::toAbsolutePath)
          .orElseThrow(() -> new AssertionError("No packaged jar in target/: run mvn verify, not only the test phase"));
    }
  }
}
