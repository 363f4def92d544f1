package org.peerflow.deployment;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code modelDeployment}, part of the readiness group: DOWN until the process
 * owners' folders have been deployed at start-up, so that a load balancer or a second node
 * (docker-compose) never sends a user to a node whose engine does not yet know the processes.
 */
@Component("modelDeploymentHealthIndicator")
class ModelDeploymentHealth implements HealthIndicator {

  private final FolderDeployer deployer;

  ModelDeploymentHealth(FolderDeployer deployer) {
    this.deployer = deployer;
  }

  @Override
  public Health health() {
    return deployer.startupDeploymentDone()
        ? Health.up()
            .withDetail("folders", deployer.folders().folders().toString())
            .build()
        : Health.down().withDetail("folders", "not yet deployed").build();
  }
}
