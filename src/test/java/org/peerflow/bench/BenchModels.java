package org.peerflow.bench;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/** Models generated for the benchmark and deployed with one small form into the running engine. */
final class BenchModels {

  static final String FORM_ID = "bench-form";
  static final String OPEN_TASK = PlainTasksPlugin.PREFIX + "-open-task";
  static final String NOTIFIED_TASK = "bench-notified-task";
  static final String MAIL_GROUP = "bench-mail";

  private static final String FORM = """
      {"schemaVersion": 16, "type": "default", "id": "bench-form", "components": [
        {"type": "textfield", "key": "note", "label": "Note", "id": "Field_note"}]}""";

  private BenchModels() {}

  /** A straight line of {@code tasks} plain user tasks (no assignment, no due date, no listeners). */
  static String deployPlainLine(RepositoryService repository, int tasks) {
    String key = PlainTasksPlugin.PREFIX + "-line-" + tasks;
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(key)
        .name("Bench plain line")
        .camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Start");
    for (int i = 1; i <= tasks; i++) {
      flow = flow.userTask("Task_" + i)
          .name("Step " + i)
          .camundaFormRef(FORM_ID)
          .camundaFormRefBinding("deployment");
    }
    deploy(repository, key, flow.endEvent("EndEvent_Done").done());
    return key;
  }

  /**
   * The same line with the work Peerflow adds to every task: each has candidate group {@code hr}
   * (its members are e-mailed through the outbox) and a due date (reminder and escalation jobs).
   */
  static String deployNotifiedLine(RepositoryService repository, int tasks) {
    String key = "bench-notified-line-" + tasks;
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(key)
        .name("Bench notified line")
        .camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Start");
    for (int i = 1; i <= tasks; i++) {
      flow = flow.userTask("Task_" + i)
          .name("Step " + i)
          .camundaCandidateGroups("hr")
          .camundaDueDate("${businessDays.after(5)}")
          .camundaFormRef(FORM_ID)
          .camundaFormRefBinding("deployment");
    }
    deploy(repository, key, flow.endEvent("EndEvent_Done").done());
    return key;
  }

  static void deployOpenTaskAndNotified(RepositoryService repository) {
    deploy(
        repository,
        OPEN_TASK,
        Bpmn.createExecutableProcess(OPEN_TASK)
            .name("Bench open task")
            .camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_Start")
            .userTask("Task_Open")
            .name("Open task")
            .camundaCandidateGroups("hr")
            .camundaDueDate("${due}")
            .camundaFormRef(FORM_ID)
            .camundaFormRefBinding("deployment")
            .endEvent("EndEvent_Done")
            .done());
    deploy(
        repository,
        NOTIFIED_TASK,
        Bpmn.createExecutableProcess(NOTIFIED_TASK)
            .name("Bench notified task")
            .camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_Start")
            .userTask("Task_Notified")
            .name("Notified task")
            .camundaCandidateGroups(MAIL_GROUP)
            .camundaFormRef(FORM_ID)
            .camundaFormRefBinding("deployment")
            .endEvent("EndEvent_Done")
            .done());
  }

  private static void deploy(RepositoryService repository, String key, BpmnModelInstance model) {
    repository
        .createDeployment()
        .name("bench-" + key)
        .addModelInstance("bench/" + key + ".bpmn", model)
        .addString("bench/" + FORM_ID + ".form", FORM)
        .deploy();
  }
}
