package org.peerflow.compliance;

import java.util.Optional;
import org.camunda.bpm.model.bpmn.instance.Process;

/** Where the guard reads a process that a call activity calls, by its key. */
@FunctionalInterface
interface CalledProcesses {

  CalledProcesses NONE = key -> Optional.empty();

  /** @return the process that a call of {@code key} would start, if it is known */
  Optional<Process> byKey(String key);

  /** @return this lookup, and {@code other} for the keys it does not know */
  default CalledProcesses orElse(CalledProcesses other) {
    return key -> byKey(key).or(() -> other.byKey(key));
  }
}
