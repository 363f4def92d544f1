package org.peerflow.sandbox;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.BeanFactory;

/**
 * The Spring beans the engine's expressions may resolve: Peerflow's functions and delegates,
 * nothing else of the application context (no data source, mail sender, environment, engine
 * services). Looked up lazily, because the engine is built while the context is still starting.
 */
final class AllowlistedBeans extends AbstractMap<Object, Object> {

  private final BeanFactory beanFactory;

  AllowlistedBeans(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public boolean containsKey(Object name) {
    return name instanceof String bean
        && ExpressionAllowlist.beanNames().contains(bean)
        && beanFactory.containsBean(bean);
  }

  @Override
  public Object get(Object name) {
    return containsKey(name) ? beanFactory.getBean((String) name) : null;
  }

  @Override
  public Set<Entry<Object, Object>> entrySet() {
    return ExpressionAllowlist.beanNames().stream()
        .filter(this::containsKey)
        .map(name -> Map.entry((Object) name, beanFactory.getBean(name)))
        .collect(Collectors.toSet());
  }

  /** @return the bean name when {@code object} is one of these beans, else null */
  String nameOf(Object object) {
    for (String name : ExpressionAllowlist.beanNames()) {
      if (beanFactory.containsBean(name) && beanFactory.getBean(name) == object) {
        return name;
      }
    }
    return null;
  }
}
