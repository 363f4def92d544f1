package org.peerflow.sandbox;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
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
    configuration.getCustomPreDeployers().add(new ModelSandbox(new ExpressionRules(beanFactory::containsBean)));

    AllowlistedBeans beans = new AllowlistedBeans(beanFactory);
    configuration.setBeans(beans); // also what scripts would see as beans
    configuration.setExpressionManager(new SandboxedExpressionManager(beans));

    // one instance per chain: an interceptor holds the next link of its chain
    configuration.setCustomPreCommandInterceptorsTxRequired(with(configuration.getCustomPreCommandInterceptorsTxRequired(),
        new IdentityChangeLog(configuration.getIdentityService())));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(with(configuration.getCustomPreCommandInterceptorsTxRequiresNew(),
        new IdentityChangeLog(configuration.getIdentityService())));
  }

  private static List<CommandInterceptor> with(List<CommandInterceptor> interceptors, CommandInterceptor added) {
    List<CommandInterceptor> all = interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
    all.add(added);
    return all;
  }
}
