package org.peerflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerflow.drill.NodeEnvironment;
import org.peerflow.drill.PeerflowNode;

/**
 * The packaged application in the production profile, as an operator starts it: PostgreSQL and
 * SMTP from environment variables, the first administrator from the environment, no demo users,
 * the REST API closed to anonymous callers.
 */
class ProductionProfileIT {

  @TempDir
  Path workDir;

  @Test
  void productionStartsOnPostgresWithTheFirstAdministratorAndNoDemoUsers() throws Exception {
    try (NodeEnvironment environment = new NodeEnvironment(workDir);
        PeerflowNode app = environment.node("production")) {
      app.start(Duration.ofSeconds(120));
      Rest rest = app.rest();

      assertThat(rest.get(null, "/engine-rest/user").status())
          .as("anonymous user list")
          .isEqualTo(401);
      assertThat(rest.get(null, "/engine-rest/task").status()).as("anonymous").isEqualTo(401);
      Rest.Response asAdmin = app.admin("GET", "/engine-rest/user", null);
      assertThat(asAdmin.status()).as(asAdmin.body()).isEqualTo(200);
      List<String> ids = asAdmin.json().findValuesAsText("id");
      assertThat(ids).containsExactly(PeerflowNode.ADMIN);
      assertThat(app.admin("GET", "/engine-rest/group", null).json().findValuesAsText("id"))
          .contains("hr", "supervisors", "peer-specialists", "clinicians", "process-owners");
      assertThat(app.admin("GET", "/engine-rest/process-definition?key=fair-chance-hiring", null)
              .json()
              .findValuesAsText("key"))
          .contains("fair-chance-hiring");
      assertThat(rest.get("harper", "/engine-rest/task").status())
          .as("no demo user harper")
          .isEqualTo(401);
      assertThat(app.log()).doesNotContain(PeerflowNode.ADMIN_PASSWORD);
    }
  }
}
