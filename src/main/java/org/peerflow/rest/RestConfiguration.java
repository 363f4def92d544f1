package org.peerflow.rest;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST application plus Peerflow's error mapping. Declaring this bean replaces the
 * starter's own {@link CamundaJerseyResourceConfig}, which registers the same Camunda resources.
 */
@Component
class RestConfiguration extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    super.registerAdditionalResources();
    register(RefusedInputMapper.class);
  }
}
