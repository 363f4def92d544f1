package org.peerflow.drill;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * What Peerflow nodes run against in production, started in the test JVM: one PostgreSQL (embedded,
 * no Docker) and one SMTP server (GreenMail). Every node made here shares both.
 */
public final class NodeEnvironment implements AutoCloseable {

  private final GreenMail smtp;
  private final EmbeddedPostgres postgres;
  private final Path logs;

  public NodeEnvironment(Path logs) {
    this.logs = logs;
    this.smtp = new GreenMail(
        new ServerSetup(PeerflowNode.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      this.postgres = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      smtp.stop();
      throw new UncheckedIOException(e);
    }
  }

  /** A node on this database and mail server, not started yet; the caller closes it. */
  public PeerflowNode node(String name) {
    return new PeerflowNode(
        name, logs, postgres.getJdbcUrl("postgres", "postgres"), smtp.getSmtp().getPort());
  }

  public GreenMail smtp() {
    return smtp;
  }

  @Override
  public void close() throws IOException {
    try {
      postgres.close();
    } finally {
      smtp.stop();
    }
  }
}
