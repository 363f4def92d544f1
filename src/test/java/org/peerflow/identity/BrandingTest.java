package org.peerflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Rest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The webapps are branded by their own hooks, served in place of the webjar's defaults. */
class BrandingTest extends IntegrationTestBase {

  @LocalServerPort
  int port;

  @ParameterizedTest
  @CsvSource({"tasklist, Tasklist", "cockpit, Cockpit", "admin, Admin", "welcome, Welcome"})
  void webappIsBrandedPeerflowWithoutTheCommunityEditionBanner(String app, String name) {
    Rest rest = new Rest(port);

    Rest.Response config = rest.get(null, "/camunda/app/" + app + "/scripts/config.js");
    Rest.Response styles = rest.get(null, "/camunda/app/" + app + "/styles/user-styles.css");

    assertThat(config.status()).isEqualTo(200);
    assertThat(config.body()).contains("vendor: 'Peerflow'").contains("name: '" + name + "'");
    assertThat(styles.status()).isEqualTo(200);
    assertThat(styles.body().replaceAll("\\s+", " "))
        .contains(".ce-eol-banner { display: none !important; }");
  }
}
