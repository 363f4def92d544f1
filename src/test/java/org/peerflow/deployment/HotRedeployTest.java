package org.peerflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerflow.IntegrationTestBase;
import org.springframework.beans.factory.annotation.Autowired;

/** The embedded default's hot redeploy: save a model, and it is in service within seconds. */
class HotRedeployTest extends IntegrationTestBase {

  private static final Duration WITHIN = Duration.ofSeconds(15);

  @Autowired
  RepositoryService repositoryService;

  @TempDir
  Path root;

  private ModelFolderWatcher watcher;

  @AfterEach
  void stopWatching() {
    if (watcher != null) {
      watcher.stop();
    }
  }

  @Test
  void aSavedModelIsDeployedWithoutARestart() throws InterruptedException {
    watch("hot-save");
    ModelFiles.layOutValidModels(root);

    org.awaitility.Awaitility.await("deployed within " + WITHIN)
        .atMost(WITHIN)
        .until(() -> deployments("hot-save") == 1);
  }

  @Test
  void aBrokenSaveIsRefusedAndTheRunningVersionStaysInService() throws Exception {
    watch("hot-broken");
    ModelFiles.layOutValidModels(root);
    org.awaitility.Awaitility.await().atMost(WITHIN).until(() -> deployments("hot-broken") == 1);
    int runningVersion = latestDemoVersion();

    long attempts = watcher.redeployAttempts();
    ModelFiles.addBrokenModel(root, "unterminated.form");
    org.awaitility.Awaitility.await("the watcher to act on the broken save")
        .atMost(WITHIN)
        .until(() -> watcher.redeployAttempts() > attempts);

    assertThat(deployments("hot-broken")).isEqualTo(1);
    assertThat(latestDemoVersion()).isEqualTo(runningVersion);

    // and a fixed save goes through again
    java.nio.file.Files.delete(root.resolve("forms/unterminated.form"));
    FolderDeploymentTest.writeRenamedTask(root.resolve("processes/deployment-demo.bpmn"));
    org.awaitility.Awaitility.await().atMost(WITHIN).until(() -> deployments("hot-broken") == 2);
  }

  private void watch(String deploymentName) {
    FolderDeployer deployer = new FolderDeployer(
        repositoryService,
        new DeploymentProperties(
            List.of(root.resolve("processes").toString(), root.resolve("forms").toString()),
            true,
            deploymentName));
    watcher = new ModelFolderWatcher(deployer);
    watcher.start();
  }

  private long deployments(String name) {
    return repositoryService.createDeploymentQuery().deploymentName(name).count();
  }

  private int latestDemoVersion() {
    return repositoryService
        .createProcessDefinitionQuery()
        .processDefinitionKey("deployment-demo")
        .latestVersion()
        .singleResult()
        .getVersion();
  }
}
