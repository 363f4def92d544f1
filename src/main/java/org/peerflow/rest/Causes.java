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

  static <T extends Throwable> T find(Throwable e, Class<T> type) {
    return type.cast(find(e, type::isInstance));
  }
}
