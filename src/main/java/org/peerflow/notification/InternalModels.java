package org.peerflow.notification;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peerflow's own processes, shipped inside the application and deployed from the classpath as
 * their own deployment: they are not the process owners' models, so they live apart from
 * processes/ and change only with a new release. Duplicate filtering keeps a restart from making a
 * new version.
 */
final class InternalModels {

  static final String DEPLOYMENT_NAME = "peerflow-internal";
  static final String MAIL_MODEL = "peerflow/peerflow-mail.bpmn";

  private static final Logger LOG = LoggerFactory.getLogger(InternalModels.class);

  private InternalModels() {}

  static void deploy(RepositoryService repositoryService) {
    Deployment deployment = repositoryService
        .createDeployment()
        .name(DEPLOYMENT_NAME)
        .source(DEPLOYMENT_NAME)
        .enableDuplicateFiltering(false)
        .addClasspathResource(MAIL_MODEL)
        .deploy();
    LOG.info("PEERFLOW-MAIL-040 Internal mail process ready (deployment {})", deployment.getId());
  }
}
