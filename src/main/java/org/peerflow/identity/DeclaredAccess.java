package org.peerflow.identity;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.peerflow.access.CasePerson;

/**
 * Who may start, read and send messages to the cases of one process, as its diagram declares it:
 * the standard {@code camunda:candidateStarterGroups} and the process-level extension properties
 * {@code peerflow.readers} and {@code peerflow.messengers} (who may record what arrives from
 * outside — a withdrawal, a response, documents — as a REST message), all comma-separated group
 * ids. Expressions are not resolved: access is decided when a version is deployed, not per instance.
 * The groups of the people a case names ({@code peerflow.case-people}) get READ on the definition
 * only (the Tasklist's diagram); each named person reads his own cases per instance
 * ({@code org.peerflow.access}).
 */
record DeclaredAccess(String processKey, Set<String> starterGroups, Set<String> readerGroups,
    Set<String> messengerGroups, Set<String> workerGroups) {

  static final String READERS_PROPERTY = "peerflow.readers";
  static final String MESSENGERS_PROPERTY = "peerflow.messengers";

  static BpmnModelInstance parse(byte[] bpmn) {
    return Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn));
  }

  static DeclaredAccess of(BpmnModelInstance model, String processKey) {
    Process process = model.getModelElementById(processKey);
    if (process == null) {
      return new DeclaredAccess(processKey, Set.of(), Set.of(), Set.of(), Set.of());
    }
    return new DeclaredAccess(processKey, groups(process.getCamundaCandidateStarterGroups()),
        groups(property(process, READERS_PROPERTY)), groups(property(process, MESSENGERS_PROPERTY)),
        CasePerson.parse(property(process, CasePerson.PROPERTY)).stream().map(CasePerson::groupId)
            .collect(Collectors.toCollection(LinkedHashSet::new)));
  }

  private static String property(Process process, String name) {
    ExtensionElements extensions = process.getExtensionElements();
    if (extensions == null) {
      return null;
    }
    return extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .map(CamundaProperties::getCamundaProperties)
        .flatMap(Collection::stream)
        .filter(property -> name.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .filter(value -> value != null)
        .collect(Collectors.joining(","));
  }

  static Set<String> groups(String commaSeparated) {
    if (commaSeparated == null) {
      return Set.of();
    }
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(id -> !id.isEmpty() && !id.contains("${") && !id.contains("#{"))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
