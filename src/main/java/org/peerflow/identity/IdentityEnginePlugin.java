package org.peerflow.identity;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine settings identity needs, applied in preInit because the engine assembles its
 * deployers and id checks during init.
 */
@Component
class IdentityEnginePlugin extends AbstractProcessEnginePlugin {

  private final VerifiedLogins verifiedLogins;

  IdentityEnginePlugin(VerifiedLogins verifiedLogins) {
    this.verifiedLogins = verifiedLogins;
  }

  /**
   * Camunda accepts only letters and digits by default, but Peerflow's group ids (README, "Who works in Peerflow") have dashes
   * (peer-specialists, process-owners) and ProductionSettingsCheck accepts an administrator id
   * with dots, dashes and underscores. Still no '*', spaces or slashes: ids appear in URLs and
   * as authorization resource ids.
   */
  static final String ID_PATTERN = "[A-Za-z0-9._-]+";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // a pattern set by configuration (camunda.bpm.generic-properties) wins
    if (configuration.getUserResourceWhitelistPattern() == null) {
      configuration.setUserResourceWhitelistPattern(ID_PATTERN);
    }
    if (configuration.getGroupResourceWhitelistPattern() == null) {
      configuration.setGroupResourceWhitelistPattern(ID_PATTERN);
    }
    if (configuration.getCustomPostDeployers() == null) {
      configuration.setCustomPostDeployers(new ArrayList<>());
    }
    // after the engine stored a deployment's definitions: apply each diagram's declared access
    configuration.getCustomPostDeployers().add(new ProcessAccessDeployer());
    // a changed password, lock or membership ends every reuse of a verified REST login at once
    configuration.setCustomPreCommandInterceptorsTxRequired(
        with(configuration.getCustomPreCommandInterceptorsTxRequired()));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        with(configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
  }

  private List<CommandInterceptor> with(List<CommandInterceptor> interceptors) {
    List<CommandInterceptor> all =
        interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
    all.add(new LoginCacheEviction(verifiedLogins));
    return all;
  }
}
