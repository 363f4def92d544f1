package org.peerflow.compliance;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.peerflow.model.DeclaredProcess;

/**
 * A process as the rules see it: its steps and paths, the Camunda Forms its steps show (from the
 * same deployment, by form id) and the processes its call activities call.
 */
final class CheckedProcess {

  private final Process process;
  private final Map<String, FormContent> forms;
  private final CalledProcesses called;
  private final FlowGraph graph;
  private final DeclaredProcess declared;

  CheckedProcess(Process process, Map<String, FormContent> forms, CalledProcesses called) {
    this.process = process;
    this.forms = forms;
    this.called = called;
    this.graph = new FlowGraph(process);
    this.declared = DeclaredProcess.of(process);
  }

  String id() {
    return process.getId();
  }

  Process process() {
    return process;
  }

  FlowGraph graph() {
    return graph;
  }

  /** Every element of the given type in the process's diagram. */
  <T extends ModelElementInstance> Collection<T> all(Class<T> type) {
    return process.getModelInstance().getModelElementsByType(type);
  }

  /** What the process's diagram declares: its readers, whether it is a clinical record, … */
  DeclaredProcess declared() {
    return declared;
  }

  /** A clinical record ({@code peerflow.record = clinical}) belongs to the treating team, never to hr. */
  boolean isClinicalRecord() {
    return declared.isClinicalRecord();
  }

  /** @return the form a start event or user task shows, when it is in the deployment */
  Optional<FormContent> formOf(FlowNode node) {
    if (!(node instanceof UserTask) && !(node instanceof StartEvent)) {
      return Optional.empty();
    }
    return Optional.ofNullable(node.getAttributeValueNs(StepText.CAMUNDA_NS, "formRef"))
        .map(forms::get);
  }

  /** @return the process a call activity calls: from the same deployment, or else the latest deployed version */
  Optional<Process> calledBy(FlowNode node) {
    if (!(node instanceof CallActivity call) || call.getCalledElement() == null) {
      return Optional.empty();
    }
    return called.byKey(call.getCalledElement());
  }
}
