package org.peerflow.rest;

import java.util.function.Predicate;

/** The first throwable in a cause chain that matches: engine and servlet errors arrive wrapped. */
final class Causes {

  private Causes() {}

  static Throwable find(Throwable e, Predicate<Throwable> test) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (test.test(t)) {
        return t;
      }
    }
    return null;
  }

  /**
   * @return the throwable and its causes, outermost first; after a {@link java.sql.SQLException}
   *     the exceptions chained to it (a JDBC batch reports the failed statement's error there)
   */
  static java.util.List<Throwable> chain(Throwable e) {
    java.util.List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
      if (t instanceof java.sql.SQLException sql) {
        for (java.sql.SQLException next = sql.getNextException();
            next != null && !chain.contains(next);
            next = next.getNextException()) {
          chain.add(next);
        }
      }
    }
    return chain;
  }

  static <T extends Throwable> T find(Throwable e, Class<T> type) {
    return type.cast(find(e, type::isInstance));
  }
}
