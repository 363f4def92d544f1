package org.peerflow.bench;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Plugin;
import org.apache.ibatis.plugin.Signature;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Counts the rows the engine inserts while it is switched on, by MyBatis statement, so that a walk
 * can be measured in rows written: runtime ({@code ACT_RU_*}), history ({@code ACT_HI_*}) and
 * byte arrays ({@code ACT_GE_BYTEARRAY}, runtime or history). Every Camunda insert is one
 * statement per entity, so statements are rows. A MyBatis plug-in added to the running engine:
 * it wraps the executors of sessions opened after it, and counts nothing while off.
 */
@Intercepts(
    @Signature(
        type = Executor.class,
        method = "update",
        args = {MappedStatement.class, Object.class}))
final class RowsWritten implements Interceptor {

  private static final Map<ProcessEngine, RowsWritten> INSTALLED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final AtomicBoolean counting = new AtomicBoolean();
  private final Map<String, Integer> inserts = new TreeMap<>();

  static RowsWritten in(ProcessEngine engine) {
    return INSTALLED.computeIfAbsent(engine, e -> {
      RowsWritten counter = new RowsWritten();
      ((ProcessEngineConfigurationImpl) e.getProcessEngineConfiguration())
          .getSqlSessionFactory()
          .getConfiguration()
          .addInterceptor(counter);
      return counter;
    });
  }

  /** Counts the inserts of {@code work}, which runs in this thread while nothing else writes. */
  synchronized Map<String, Integer> during(Runnable work) {
    inserts.clear();
    counting.set(true);
    try {
      work.run();
    } finally {
      counting.set(false);
    }
    return new TreeMap<>(inserts);
  }

  /** runtime, history, byte arrays */
  static int[] byKind(Map<String, Integer> inserts) {
    int[] kinds = new int[3];
    inserts.forEach((statement, count) -> {
      if (statement.contains("ByteArray")) {
        kinds[2] += count;
      } else if (statement.contains("Historic")
          || statement.contains("HistoryEvent")
          || statement.contains("UserOperationLog")) {
        kinds[1] += count;
      } else {
        kinds[0] += count;
      }
    });
    return kinds;
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    if (counting.get()) {
      String id = ((MappedStatement) invocation.getArgs()[0]).getId();
      String statement = id.substring(id.lastIndexOf('.') + 1);
      if (statement.startsWith("insert")) {
        synchronized (inserts) {
          inserts.merge(statement, 1, Integer::sum);
        }
      }
    }
    return invocation.proceed();
  }

  @Override
  public Object plugin(Object target) {
    return target instanceof Executor ? Plugin.wrap(target, this) : target;
  }

  @Override
  public void setProperties(Properties properties) {}
}
