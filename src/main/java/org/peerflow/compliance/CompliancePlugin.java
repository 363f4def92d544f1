package org.peerflow.compliance;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Puts the compliance guard in front of every deployment, after the model checks. */
@Component
class CompliancePlugin extends AbstractProcessEnginePlugin {

  private final ComplianceProperties properties;

  CompliancePlugin(ComplianceProperties properties) {
    this.properties = properties;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreDeployers() == null) {
      configuration.setCustomPreDeployers(new ArrayList<>());
    }
    configuration.getCustomPreDeployers().add(ComplianceGuard.configured(properties));
  }
}
