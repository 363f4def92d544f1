package org.peerflow.compliance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;

/**
 * Rule {@code no-punishment}: after a client refuses treatment, the process does nothing to him:
 * every task, call, notice or message that follows the refusal is marked neutral (recording,
 * thanking, closing). A refusal carries no penalty (DMH 96-3R; 104 CMR 28.03: no retaliation).
 */
final class NoPunishmentRule implements ComplianceRule {

  private final Collection<String> consentProcesses;

  /** @param consentProcesses the keys of the processes the rule applies to (peerflow.compliance.refusal-processes) */
  NoPunishmentRule(Collection<String> consentProcesses) {
    this.consentProcesses = consentProcesses;
  }

  @Override
  public List<String> violations(CheckedProcess process) {
    if (!consentProcesses.contains(process.id())) {
      return List.of();
    }
    List<FlowNode> refusals = process.all(FlowNode.class).stream()
        .filter(node -> Classification.isMilestone(node, Classification.REFUSAL))
        .toList();
    if (refusals.isEmpty()) {
      return List.of("no-punishment: " + process.id() + " has no step marked as the refusal "
          + "(extension property peerflow.milestone = refusal)");
    }
    List<String> violations = new ArrayList<>();
    Map<FlowNode, FlowNode> afterRefusal = process.graph().reach(refusals, node -> false);
    for (FlowNode node : afterRefusal.keySet()) {
      if (acts(node) && !Classification.isNeutral(node) && !refusals.contains(node)) {
        violations.add("no-punishment: " + StepText.describe(node) + " follows the refusal"
            + FlowGraph.via(afterRefusal, node)
            + " and is not marked neutral (peerflow.neutral = true)");
      }
    }
    return violations;
  }

  /** A step that does something: a task or call, a thrown event, an end event that throws or sends. */
  private static boolean acts(FlowNode node) {
    return node instanceof Activity
        || node instanceof IntermediateThrowEvent
        || (node instanceof EndEvent
            && !node.getChildElementsByType(EventDefinition.class).isEmpty());
  }
}
