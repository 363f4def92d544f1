package org.peerflow.compliance;

import java.util.List;

/**
 * One rule that every deployed version of a process must keep (README, "The compliance guard").
 * A rule reads nothing but the process, the forms its steps show and the processes it calls, so it
 * can be tested on a model built in code, without an engine.
 */
interface ComplianceRule {

  /**
   * @return one sentence per violation, each beginning with the rule's name and a colon
   *     ("ban-the-box: ..."), then the step and the path: the Modeler's check places each sentence
   *     on the element it names first
   */
  List<String> violations(CheckedProcess process);
}
