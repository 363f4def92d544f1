package org.peerflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerflow.IntegrationTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;

/** Readiness waits for the start-up deployment of the model folders. */
class ModelDeploymentHealthTest extends IntegrationTestBase {

  @Autowired
  RepositoryService repositoryService;

  @TempDir
  Path emptyFolder;

  @Test
  void downUntilTheStartupDeploymentIsDoneThenUp() {
    // empty folders: the deployer runs its start-up step without deploying anything into the shared
    // engine
    FolderDeployer deployer = new FolderDeployer(
        repositoryService,
        new DeploymentProperties(List.of(emptyFolder.toString()), false, "readiness-probe"));
    ModelDeploymentHealth health = new ModelDeploymentHealth(deployer);

    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    deployer.afterSingletonsInstantiated();
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
  }
}
