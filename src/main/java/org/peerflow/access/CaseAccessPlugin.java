package org.peerflow.access;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.peerflow.cases.CaseTaskListeners;
import org.peerflow.model.CasePerson;
import org.peerflow.model.DeclaredProcess;
import org.peerflow.model.PeerflowProperties;
import org.springframework.stereotype.Component;

/**
 * Per-case access (README, "Access model"): a process that declares {@code peerflow.case-people}
 * gives each named person READ on its instance and history when the case starts and whenever one
 * of its tasks is created (a person may be named along the way, e.g. the hiring manager when HR
 * defines the role), checks that each is a member of the declared group, and refuses to create a
 * task that would reach nobody. Built-in listeners, so "skip custom listeners" in Cockpit does not
 * skip them.
 */
@Component
class CaseAccessPlugin extends AbstractProcessEnginePlugin {

  /** Where the parsed declaration is kept on the cached process definition. */
  static final String DEFINITION_PROPERTY = "peerflow.casePeople";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new DeclarationReader());
    CaseTaskListeners.addToEveryCaseTask(
        configuration, CaseAccessPlugin::onTaskCreated, TaskListener.EVENTNAME_CREATE);
  }

  /** The people the definition of this execution's process declares; empty when none. */
  @SuppressWarnings("unchecked")
  static List<CasePerson> declaredBy(ProcessDefinitionEntity definition) {
    Object declared = definition == null ? null : definition.getProperty(DEFINITION_PROPERTY);
    return declared == null ? List.of() : (List<CasePerson>) declared;
  }

  private static void onCaseStarted(DelegateExecution execution) {
    ExecutionEntity entity = (ExecutionEntity) execution;
    List<CasePerson> people = declaredBy(entity.getProcessDefinition());
    if (!people.isEmpty()) {
      CaseReaders.grant(
          entity.getProcessInstanceId(),
          entity.getRootProcessInstanceId(),
          people,
          execution::getVariable);
    }
  }

  private static void onTaskCreated(DelegateTask task) {
    ExecutionEntity execution = (ExecutionEntity) task.getExecution();
    List<CasePerson> people =
        execution == null ? List.of() : declaredBy(execution.getProcessDefinition());
    if (people.isEmpty()) {
      return;
    }
    if (task.getAssignee() == null && task.getCandidates().isEmpty()) {
      throw new BadUserRequestException(
          "PEERFLOW-ACC-001 The step '" + task.getName() + "' would reach nobody: "
              + "the case names no person for it ("
              + people.stream().map(CasePerson::variable).toList()
              + "). Name the person in the step before, or ask HR to reassign the case.");
    }
    CaseReaders.grant(
        execution.getProcessInstanceId(),
        execution.getRootProcessInstanceId(),
        people,
        task::getVariable);
  }

  /** Reads {@code peerflow.case-people} ({@link DeclaredProcess}) once per parse and hooks the case's start. */
  private static final class DeclarationReader extends AbstractBpmnParseListener {

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
      List<CasePerson> people;
      try {
        people = DeclaredProcess.of(definition.getKey(), null, properties(processElement))
            .casePeople();
      } catch (IllegalArgumentException e) {
        throw new ProcessEngineException(
            "PEERFLOW-ACC-003 Process '" + definition.getKey() + "': " + e.getMessage(), e);
      }
      if (people.isEmpty()) {
        return;
      }
      definition.setProperty(DEFINITION_PROPERTY, people);
      ExecutionListener grant = CaseAccessPlugin::onCaseStarted;
      for (ActivityImpl activity : definition.getActivities()) {
        if ("startEvent".equals(activity.getProperty(BpmnParse.PROPERTYNAME_TYPE))) {
          // at the end of the start event, after its own listeners have set the case's variables
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, grant);
        }
      }
    }

    /** The process's extension properties as the engine's parser read them (no model instance here). */
    private static PeerflowProperties properties(Element processElement) {
      Element extensions = processElement.element("extensionElements");
      List<PeerflowProperties.Entry> entries = new ArrayList<>();
      if (extensions != null) {
        for (Element properties :
            extensions.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties")) {
          for (Element property :
              properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
            entries.add(new PeerflowProperties.Entry(
                property.attribute("name"), property.attribute("value")));
          }
        }
      }
      return PeerflowProperties.of(entries);
    }
  }
}
