package org.peerflow;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for every integration test: the real engine, the real web layer on a random
 * port, a real SMTP server (GreenMail on a free port) and, when the system property
 * {@code peerflow.test.database=postgres} is set (the Maven failsafe run), a real PostgreSQL
 * started by the suite itself instead of H2. Subclasses must not add configuration that would
 * start a second context.
 */
@SpringBootTest(
    classes = PeerflowApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTestBase {

  protected static final GreenMail SMTP = startMailServer();
  private static EmbeddedPostgres postgres;

  @Autowired
  protected ProcessEngine processEngine;

  @DynamicPropertySource
  static void realParts(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    if (usesPostgres()) {
      registry.add("spring.datasource.url", () -> postgres().getJdbcUrl("postgres", "postgres"));
      registry.add("spring.datasource.username", () -> "postgres");
      registry.add("spring.datasource.password", () -> "postgres");
      // the embedded server's own shutdown hook may stop it before Spring closes the engine:
      // fail fast then instead of waiting Hikari's default 30 s for a connection
      registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
      // as in application-production.yml: plan every statement with its values (see
      // bench/RESULTS.md)
      registry.add(
          "spring.datasource.hikari.data-source-properties.options",
          () -> "-c plan_cache_mode=force_custom_plan");
    }
  }

  @BeforeEach
  void initBpmAssert() {
    BpmnAwareTests.init(processEngine);
  }

  public static boolean usesPostgres() {
    return "postgres".equals(System.getProperty("peerflow.test.database"));
  }

  private static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot start the embedded PostgreSQL for the test suite", e);
      }
    }
    return postgres;
  }

  /**
   * On a free port chosen once, so that an outage drill can stop and start the server again on
   * the address the application was configured with.
   */
  private static GreenMail startMailServer() {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for the test SMTP server", e);
    }
    GreenMail greenMail =
        new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    return greenMail;
  }
}
