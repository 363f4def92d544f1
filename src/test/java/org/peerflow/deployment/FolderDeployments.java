package org.peerflow.deployment;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;

/** Deploys as Peerflow's own folder channel does, for tests outside this package. */
public final class FolderDeployments {

  private FolderDeployments() {}

  /** @return whether a new deployment was made */
  public static boolean deployFolders(RepositoryService repositoryService, Path root, String name) {
    return new FolderDeployer(
            repositoryService,
            new DeploymentProperties(
                List.of(
                    root.resolve("processes").toString(), root.resolve("forms").toString()),
                false,
                name))
        .deploy()
        .isPresent();
  }

  /** Starts the embedded default's hot redeploy over {@code root}; close it to stop watching. */
  public static Watching watch(RepositoryService repositoryService, Path root, String name) {
    ModelFolderWatcher watcher = new ModelFolderWatcher(new FolderDeployer(
        repositoryService,
        new DeploymentProperties(
            List.of(root.resolve("processes").toString(), root.resolve("forms").toString()),
            true,
            name)));
    watcher.start();
    return new Watching(watcher);
  }

  /** A running hot redeploy; {@link #awaitAttemptAfter} waits until it has acted on a save. */
  public record Watching(ModelFolderWatcher watcher) implements AutoCloseable {

    public long attempts() {
      return watcher.redeployAttempts();
    }

    /** Waits until the watcher has acted (deployed or refused) on a save made after {@code attempts}. */
    public void awaitAttemptAfter(long attempts) {
      org.awaitility.Awaitility.await("the watcher to act on the save")
          .atMost(java.time.Duration.ofSeconds(15))
          .until(() -> watcher.redeployAttempts() > attempts);
    }

    @Override
    public void close() {
      watcher.stop();
    }
  }

  /** Deploys the given resources as one deployment, bypassing the folders. */
  public static void deploy(
      RepositoryService repositoryService, Map<String, byte[]> resources, String name) {
    DeploymentBuilder builder = repositoryService.createDeployment().name(name);
    resources.forEach(
        (resource, bytes) -> builder.addInputStream(resource, new ByteArrayInputStream(bytes)));
    builder.deploy();
  }
}
