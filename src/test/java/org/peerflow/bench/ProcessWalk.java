package org.peerflow.bench;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * One process of Peerflow walked from start to end through the Java API, as its users would walk
 * it; the throughput benchmark times {@link #walkOnce} and compares it with a bare engine running
 * a straight line of as many plain user tasks as one walk completes. To benchmark another process,
 * implement this interface and add the class to {@link Walks#ALL}.
 */
public interface ProcessWalk {

  /** Shown in the results table, e.g. the process key. */
  String name();

  /** Untimed set-up before the first walk (e.g. open a position); called once per run. */
  default void prepare(ProcessEngine engine) {}

  /** One full walk, from the start event to an end event. */
  void walkOnce(ProcessEngine engine);

  /**
   * Fails a walk whose instance — or an instance it called: the root id covers them — is still
   * running, so that a walk never times less than the whole process.
   */
  static void assertEnded(ProcessEngine engine, ProcessInstance root, String walk) {
    if (engine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .rootProcessInstanceId(root.getId())
            .count()
        != 0) {
      throw new IllegalStateException("the " + walk + " walk did not reach an end event");
    }
  }
}
