package org.peerflow.sandbox;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Installs the sandbox in the engine: the deploy-time check in front of every deployment, the
 * limited expression resolver, and the identity change log. preInit runs after the Spring
 * starter created its expression manager and before the engine uses it, so ours replaces it.
 */
@Component
class SandboxPlugin extends AbstractProcessEnginePlugin {

  private final ListableBeanFactory beanFactory;

  SandboxPlugin(ListableBeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreDeployers() == null) {
      configuration.setCustomPreDeployers(new ArrayList<>());
    }
    List<Deployer> preDeployers = configuration.getCustomPreDeployers();
    preDeployers.add(
        afterModelChecks(preDeployers),
        new ModelSandbox(new ExpressionRules(beanFactory::containsBean)));

    AllowlistedBeans beans = new AllowlistedBeans(beanFactory);
    configuration.setBeans(beans); // also what scripts would see as beans
    configuration.setExpressionManager(new SandboxedExpressionManager(beans));

    // one instance per chain: an interceptor holds the next link of its chain
    configuration.setCustomPreCommandInterceptorsTxRequired(with(
        configuration.getCustomPreCommandInterceptorsTxRequired(),
        new IdentityChangeLog(configuration.getIdentityService())));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(with(
        configuration.getCustomPreCommandInterceptorsTxRequiresNew(),
        new IdentityChangeLog(configuration.getIdentityService())));
  }

  /**
   * Right after the model checks (org.peerflow.deployment), so a broken file is still reported by
   * them, and before the compliance guard, so code in a model is reported as such.
   */
  private static int afterModelChecks(List<Deployer> preDeployers) {
    for (int i = 0; i < preDeployers.size(); i++) {
      if (preDeployers.get(i).getClass().getPackageName().equals("org.peerflow.deployment")) {
        return i + 1;
      }
    }
    return 0; // the model checks are put first when their plugin runs after this one
  }

  private static List<CommandInterceptor> with(
      List<CommandInterceptor> interceptors, CommandInterceptor added) {
    List<CommandInterceptor> all =
        interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
    all.add(added);
    return all;
  }
}
