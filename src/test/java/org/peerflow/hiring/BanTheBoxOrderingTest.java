package org.peerflow.hiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;

/**
 * Reads the diagrams and forms in processes/ and forms/ as a process owner left them: before the
 * conditional offer nothing may ask for, obtain or assess criminal history — not an activity, a
 * form field, a label, a text, a variable or a service call.
 */
class BanTheBoxOrderingTest {

  static final String CONDITIONAL_OFFER = "Task_MakeConditionalOffer";
  static final Pattern CRIMINAL_HISTORY = Pattern.compile(
      "(?i)(arrest|convict|criminal|offen[cs]e|felon|misdemeanou?r|background.?check|\\bcori\\b|incarcerat|"
          + "\\bjail|prison|expunge|seal(ed|ing)|rap.?sheet|record.?check)");

  private final BpmnModelInstance hiring =
      Bpmn.readModelFromFile(Path.of("processes/fair-chance-hiring.bpmn").toFile());

  @Test
  void noCriminalHistoryActivityBeforeConditionalOffer() {
    Set<FlowNode> beforeOffer = reachableWithoutPassing(CONDITIONAL_OFFER);

    assertThat(beforeOffer)
        .extracting(FlowNode::getId)
        .contains(
            "StartEvent_ApplicationReceived",
            "Task_InterviewSupervisor",
            "Task_InterviewPeer",
            "Task_SelectCandidate")
        .doesNotContain("Task_RecordCheckAuthorization", "CallActivity_RecordReview");
    for (FlowNode node : beforeOffer) {
      assertThat(node.getId() + " " + node.getName() + " " + camundaAttributes(node))
          .as("%s, reachable before the conditional offer", node.getId())
          .doesNotContainPattern(CRIMINAL_HISTORY);
    }
  }

  @Test
  void noFormBeforeTheConditionalOfferMentionsCriminalHistory() throws Exception {
    List<String> forms = reachableWithoutPassing(CONDITIONAL_OFFER).stream()
        .filter(node -> node instanceof UserTask || node instanceof StartEvent)
        .map(node -> node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef"))
        .filter(java.util.Objects::nonNull)
        .distinct()
        .toList();

    assertThat(forms)
        .contains("application", "interview-supervisor", "interview-peer", "candidate-selection");
    for (String form : forms) {
      String schema = Files.readString(Path.of("forms", form + ".form"));
      assertThat(schema)
          .as("forms/%s.form is used before the conditional offer", form)
          .doesNotContainPattern(CRIMINAL_HISTORY);
    }
  }

  @Test
  void theCheckItselfComesOnlyAfterTheOffer() {
    assertThat(reachableWithoutPassing(CONDITIONAL_OFFER))
        .extracting(FlowNode::getId)
        .doesNotContain("CallActivity_RecordReview");
    assertThat(reachableWithoutPassing("__none__"))
        .extracting(FlowNode::getId)
        .contains("CallActivity_RecordReview");
  }

  @Test
  void theConfidentialPartsAreRoutedToHrAlone() {
    for (String diagram : List.of("fair-chance-record-review", "fair-chance-referrals")) {
      BpmnModelInstance model =
          Bpmn.readModelFromFile(Path.of("processes", diagram + ".bpmn").toFile());
      assertThat(model.getModelElementsByType(UserTask.class))
          .as(diagram)
          .isNotEmpty()
          .allSatisfy(task ->
              assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isEqualTo("hr"))
          .allSatisfy(
              task -> assertThat(task.getCamundaAssignee()).as(task.getId()).isNull());
      assertThat(Files.exists(Path.of("processes", diagram + ".bpmn"))).isTrue();
      String xml = Bpmn.convertToString(model);
      assertThat(xml).contains("<camunda:property name=\"peerflow.readers\" value=\"hr\"");
    }
  }

  /** Breadth-first over sequence flows from every start event, event subprocesses included. */
  private Set<FlowNode> reachableWithoutPassing(String stopId) {
    Set<FlowNode> reached = new LinkedHashSet<>();
    Deque<FlowNode> queue = new ArrayDeque<>(hiring.getModelElementsByType(StartEvent.class));
    while (!queue.isEmpty()) {
      FlowNode node = queue.poll();
      if (node.getId().equals(stopId) || !reached.add(node)) {
        continue;
      }
      for (SequenceFlow flow : node.getOutgoing()) {
        queue.add(flow.getTarget());
      }
    }
    return reached;
  }

  private static String camundaAttributes(ModelElementInstance node) {
    Collection<String> values = new java.util.ArrayList<>();
    for (String attribute : List.of(
        "expression", "delegateExpression", "class", "formRef", "decisionRef", "resultVariable")) {
      String value = node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", attribute);
      if (value != null) {
        values.add(value);
      }
    }
    return String.join(" ", values);
  }
}
