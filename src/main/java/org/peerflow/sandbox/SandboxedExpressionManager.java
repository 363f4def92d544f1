package org.peerflow.sandbox;

import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * The engine's Spring expression manager with a limited bean map (Camunda then resolves only
 * those beans, not the whole application context) and {@link EngineObjectGuard} asked first.
 * Also used for DMN JUEL and task query expressions, which go through the same resolvers.
 */
final class SandboxedExpressionManager extends SpringExpressionManager {

  private final AllowlistedBeans allowlistedBeans;

  SandboxedExpressionManager(AllowlistedBeans beans) {
    super(
        null,
        beans); // with a bean map, SpringExpressionManager never reads the application context
    this.allowlistedBeans = beans;
  }

  @Override
  protected ELResolver createElResolver() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new EngineObjectGuard(allowlistedBeans));
    resolver.add(super.createElResolver());
    return resolver;
  }
}
