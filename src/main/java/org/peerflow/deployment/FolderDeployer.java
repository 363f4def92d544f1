package org.peerflow.deployment;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Deploys every model of the process owners' folders as one deployment. Duplicate filtering runs
 * on the whole set: an unchanged set deploys nothing, a changed one deploys everything again, so
 * that each diagram always finds its forms in its own deployment (form binding "deployment").
 */
@Component
class FolderDeployer implements SmartInitializingSingleton {

  static final String SOURCE = "peerflow-folders";
  private static final Logger LOG = LoggerFactory.getLogger(FolderDeployer.class);

  private final RepositoryService repositoryService;
  private final DeploymentProperties properties;
  private final ModelFolders folders;
  /** Set once the start-up deployment has been made (or found unchanged): readiness waits for it. */
  private volatile boolean startupDeploymentDone;

  FolderDeployer(RepositoryService repositoryService, DeploymentProperties properties) {
    this.repositoryService = repositoryService;
    this.properties = properties;
    this.folders = new ModelFolders(properties.locations());
  }

  /** At start-up, before the web server opens: a refused deployment stops the application. */
  @Override
  public void afterSingletonsInstantiated() {
    deploy();
    startupDeploymentDone = true;
  }

  boolean startupDeploymentDone() {
    return startupDeploymentDone;
  }

  ModelFolders folders() {
    return folders;
  }

  /**
   * @return the new deployment, or empty when nothing changed
   * @throws ModelRefusedException when a model is broken; nothing is deployed then
   */
  synchronized Optional<DeploymentWithDefinitions> deploy() {
    Map<String, byte[]> models = folders.read();
    if (models.isEmpty()) {
      LOG.warn(
          "PEERFLOW-DEP-002 No .bpmn, .dmn or .form files in {}: nothing to deploy",
          folders.folders());
      return Optional.empty();
    }
    DeploymentBuilder builder = repositoryService
        .createDeployment()
        .name(properties.name())
        .source(SOURCE)
        .enableDuplicateFiltering(false);
    models.forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
    String previousId = latestDeploymentId();
    DeploymentWithDefinitions deployment = builder.deployWithResult();
    if (deployment.getId().equals(previousId)) {
      LOG.info("PEERFLOW-DEP-003 {} models unchanged: nothing new deployed", models.size());
      return Optional.empty();
    }
    LOG.info(
        "PEERFLOW-DEP-001 Deployed {} models from {} as deployment {}",
        models.size(),
        folders.folders(),
        deployment.getId());
    return Optional.of(deployment);
  }

  private String latestDeploymentId() {
    return repositoryService
        .createDeploymentQuery()
        .deploymentName(properties.name())
        .deploymentSource(SOURCE)
        .orderByDeploymentTime()
        .desc()
        .listPage(0, 1)
        .stream()
        .findFirst()
        .map(org.camunda.bpm.engine.repository.Deployment::getId)
        .orElse(null);
  }
}
