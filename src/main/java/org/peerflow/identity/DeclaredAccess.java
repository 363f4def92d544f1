package org.peerflow.identity;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.peerflow.model.CasePerson;
import org.peerflow.model.DeclaredProcess;

/**
 * Who may start, read and send messages to the cases of one process, as its diagram declares it
 * ({@link DeclaredProcess}): {@code camunda:candidateStarterGroups}, {@code peerflow.readers} and
 * {@code peerflow.messengers} (who may record what arrives from outside — a withdrawal, a response,
 * documents — as a REST message). Expressions are left out: access is decided when a version is
 * deployed, not per instance. The groups of the people a case names ({@code peerflow.case-people})
 * get READ on the definition only (the Tasklist's diagram); each named person reads his own cases
 * per instance ({@code org.peerflow.access}).
 */
record DeclaredAccess(
    String processKey,
    Set<String> starterGroups,
    Set<String> readerGroups,
    Set<String> messengerGroups,
    Set<String> workerGroups) {

  static DeclaredAccess of(BpmnModelInstance model, String processKey) {
    Process process = model.getModelElementById(processKey);
    DeclaredProcess declared =
        process == null ? DeclaredProcess.none(processKey) : DeclaredProcess.of(process);
    return new DeclaredAccess(
        processKey,
        withoutExpressions(declared.starterGroups()),
        withoutExpressions(declared.readers()),
        withoutExpressions(declared.messengers()),
        withoutExpressions(
            declared.casePeople().stream().map(CasePerson::groupId).toList()));
  }

  private static Set<String> withoutExpressions(Collection<String> groupIds) {
    return groupIds.stream()
        .filter(id -> !id.contains("${") && !id.contains("#{"))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
