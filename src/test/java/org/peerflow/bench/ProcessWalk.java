package org.peerflow.bench;

import org.camunda.bpm.engine.ProcessEngine;

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
  default void prepare(ProcessEngine engine) {
  }

  /** One full walk, from the start event to an end event. */
  void walkOnce(ProcessEngine engine);
}
