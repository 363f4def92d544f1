package org.peerflow.records;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.peerflow.model.DeclaredProcess;
import org.springframework.stereotype.Component;

/**
 * Who may hold or export a case. The same rules as reading it: the caller needs READ_HISTORY on
 * the definition of every instance of the case, asked of the engine's authorization service — a
 * record with a part left out would mislead, so a part the caller may not read refuses the whole.
 * On top of that, who is answerable for the record: for an employment case {@code hr}; for a
 * clinical case ({@code peerflow.record = clinical}) a group every part of it declares as its
 * reader ({@code peerflow.readers}) or the group of a person it names ({@code peerflow.case-people}:
 * the treating team), when the caller is one of those the case names — never {@code hr}, which reads
 * no clinical process. A legal hold is HR's alone.
 */
@Component
class CaseAccess {

  static final String HR = "hr";

  record Caller(String userId, List<String> groupIds) {}

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final RepositoryService repositoryService;
  private final CaseInstances instances;

  CaseAccess(ProcessEngine processEngine, CaseInstances instances) {
    this.identityService = processEngine.getIdentityService();
    this.authorizationService = processEngine.getAuthorizationService();
    this.repositoryService = processEngine.getRepositoryService();
    this.instances = instances;
  }

  /** The user the REST authentication filter logged in; never null behind that filter. */
  Caller caller() {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new AccessRefusedException("PEERFLOW-REC-020 Not logged in");
    }
    List<String> groups =
        authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    return new Caller(authentication.getUserId(), groups);
  }

  void checkMayHold(Caller caller, Collection<HistoricProcessInstance> caseInstances) {
    if (!caller.groupIds().contains(HR)) {
      throw new AccessRefusedException(
          "PEERFLOW-REC-021 Only hr puts a case on legal hold or lifts it");
    }
    checkReadsEveryPart(caller, caseInstances);
  }

  void checkMayExport(Caller caller, Collection<HistoricProcessInstance> caseInstances) {
    Set<String> answerable = answerableGroups(caseInstances);
    if (caller.groupIds().stream().noneMatch(answerable::contains)) {
      throw new AccessRefusedException(
          "PEERFLOW-REC-022 This case's record is exported by " + answerable + " only");
    }
    checkReadsEveryPart(caller, caseInstances);
  }

  private void checkReadsEveryPart(
      Caller caller, Collection<HistoricProcessInstance> caseInstances) {
    for (HistoricProcessInstance part : caseInstances) {
      String key = part.getProcessDefinitionKey();
      // a reader group of the process, or a person this case names (per-instance READ, README
      // "Access model")
      boolean reads = authorizationService.isUserAuthorized(
              caller.userId(),
              caller.groupIds(),
              ProcessDefinitionPermissions.READ_HISTORY,
              Resources.PROCESS_DEFINITION,
              key)
          || authorizationService.isUserAuthorized(
              caller.userId(),
              caller.groupIds(),
              HistoricProcessInstancePermissions.READ,
              Resources.HISTORIC_PROCESS_INSTANCE,
              part.getId());
      if (!reads) {
        throw new AccessRefusedException(
            "PEERFLOW-REC-023 You may not read the history of " + key + ", a part of this case");
      }
    }
  }

  /** {hr} for an employment case; for a clinical one the groups every part names as its readers. */
  private Set<String> answerableGroups(Collection<HistoricProcessInstance> caseInstances) {
    Set<String> definitionIds = caseInstances.stream()
        .map(HistoricProcessInstance::getProcessDefinitionId)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    return instances.asPeerflow(() -> {
      List<DeclaredProcess> parts = definitionIds.stream().map(this::declared).toList();
      if (parts.stream().noneMatch(DeclaredProcess::isClinicalRecord)) {
        return Set.of(HR);
      }
      Set<String> common = null;
      for (DeclaredProcess part : parts) {
        Set<String> readers = new LinkedHashSet<>(part.readers());
        // the groups of the people the case names (the treating team, the supporting peer)
        part.casePeople().forEach(person -> readers.add(person.groupId()));
        if (common == null) {
          common = new LinkedHashSet<>(readers);
        } else {
          common.retainAll(readers);
        }
      }
      common.remove(HR);
      return common;
    });
  }

  private DeclaredProcess declared(String definitionId) {
    String key = repositoryService.getProcessDefinition(definitionId).getKey();
    Process process = repositoryService.getBpmnModelInstance(definitionId).getModelElementById(key);
    return process == null ? DeclaredProcess.none(key) : DeclaredProcess.of(process);
  }
}
