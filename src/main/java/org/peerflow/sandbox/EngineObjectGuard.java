package org.peerflow.sandbox;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * Defense in depth behind the deploy-time check: the first resolver the engine asks for any
 * property or method in any expression. It resolves nothing itself; it refuses what would lead
 * out of the case's variables — the engine's services and other objects through
 * {@code execution} or {@code task}, Java classes, members of Peerflow's beans other than its
 * functions — so a model that slipped past the check still cannot read or change more than its
 * starter could. Peerflow's Java delegates are unaffected: they use the services in Java, not EL.
 */
final class EngineObjectGuard extends ELResolver {

  private final AllowlistedBeans beans;

  EngineObjectGuard(AllowlistedBeans beans) {
    this.beans = beans;
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base != null) {
      check(base, String.valueOf(property), false);
    }
    return null; // not resolved here: the engine's resolvers go on
  }

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (base != null) {
      check(base, String.valueOf(method), true);
    }
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    if (base != null) {
      check(base, String.valueOf(property), false);
    }
  }

  private void check(Object base, String name, boolean call) {
    if ("class".equals(name)
        || "getClass".equals(name)
        || base instanceof Class
        || base instanceof ClassLoader) {
      throw refused(name, "a Java class");
    }
    if (base instanceof DelegateExecution) {
      if (!(call
          ? ExpressionAllowlist.isExecutionMember(name)
          : ExpressionAllowlist.EXECUTION_PROPERTIES.contains(name))) {
        throw refused(name, "execution");
      }
    } else if (base instanceof DelegateTask) {
      if (!(call
          ? ExpressionAllowlist.isTaskMember(name)
          : ExpressionAllowlist.TASK_PROPERTIES.contains(name))) {
        throw refused(name, "task");
      }
    } else if (isEngineOrFrameworkObject(base)) {
      throw refused(name, base.getClass().getSimpleName());
    } else {
      String bean = beans.nameOf(base);
      if (bean != null
          && !(call
              && ExpressionAllowlist.FUNCTION_BEANS.getOrDefault(bean, Set.of()).contains(name))) {
        throw refused(name, "the bean " + bean);
      }
    }
  }

  /** Services, entities, configuration, model instances, Spring infrastructure; not variable values. */
  private static boolean isEngineOrFrameworkObject(Object base) {
    String type = base.getClass().getName();
    return type.startsWith("org.camunda.bpm.engine.")
            && !type.startsWith("org.camunda.bpm.engine.variable.")
        || type.startsWith("org.camunda.bpm.model.")
        || type.startsWith("org.springframework.");
  }

  private static ELException refused(String name, String on) {
    return new ELException("Peerflow's expression sandbox refuses '" + name + "' on " + on
        + ": expressions may use the case's variables and Peerflow's functions only");
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }
}
