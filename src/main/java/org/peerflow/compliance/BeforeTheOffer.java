package org.peerflow.compliance;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.instance.FlowNode;

/**
 * The steps of a hiring process that a token can reach from any start without passing the step
 * marked as the conditional offer: where the ban-the-box rules look.
 *
 * @param offers the steps marked {@code peerflow.milestone = conditional-offer}
 * @param reached every step reached, with the step it was reached from
 */
record BeforeTheOffer(List<FlowNode> offers, Map<FlowNode, FlowNode> reached) {

  /** @return empty when no step is marked as the offer (rule ban-the-box refuses that on its own) */
  static Optional<BeforeTheOffer> in(CheckedProcess process) {
    List<FlowNode> offers = process.all(FlowNode.class).stream()
        .filter(node -> Classification.isMilestone(node, Classification.CONDITIONAL_OFFER))
        .toList();
    if (offers.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new BeforeTheOffer(
        offers, process.graph().reach(process.graph().roots(), offers::contains)));
  }

  /** The steps before the offer, the offer itself excluded. */
  List<FlowNode> steps() {
    return reached.keySet().stream().filter(node -> !offers.contains(node)).toList();
  }

  /** " from StartEvent_X via Task_A, Task_B": how the step is reached. */
  String via(FlowNode node) {
    return FlowGraph.via(reached, node);
  }
}
