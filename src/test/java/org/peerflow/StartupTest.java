package org.peerflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupTest extends IntegrationTestBase {

  @Test
  void engineStartsWithAuthorizationEnabled() {
    assertThat(processEngine.getProcessEngineConfiguration().isAuthorizationEnabled())
        .isTrue();
  }
}
