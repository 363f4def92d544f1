package org.peerflow.compliance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EscalationEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;

/**
 * Which steps of a process a token can reach, and by which path: over sequence flows, into
 * boundary events of a reached activity, into and out of embedded subprocesses (an error or
 * escalation end event leads to the subprocess's boundary events), and from the start of every
 * event subprocess (it may trigger whenever its scope is active). Loops are followed; conditions
 * are not evaluated, so every branch of a gateway counts as reachable.
 */
final class FlowGraph {

  private final Process process;
  /**
   * Sequence flows by the node they leave, read from their {@code sourceRef} as the engine does. A
   * node's {@code <outgoing>} children are only a hint for editors: a hand-written flow without
   * them still runs.
   */
  private final Map<FlowNode, List<SequenceFlow>> leaving = new HashMap<>();

  FlowGraph(Process process) {
    this.process = process;
    for (SequenceFlow flow :
        process.getModelInstance().getModelElementsByType(SequenceFlow.class)) {
      leaving.computeIfAbsent(flow.getSource(), source -> new ArrayList<>()).add(flow);
    }
  }

  private List<SequenceFlow> outgoing(FlowNode node) {
    return leaving.getOrDefault(node, List.of());
  }

  /** Start events of the process and of every event subprocess in it. */
  List<FlowNode> roots() {
    List<FlowNode> roots = new ArrayList<>();
    for (StartEvent start : process.getChildElementsByType(StartEvent.class)) {
      roots.add(start);
    }
    for (SubProcess sub : allSubProcesses(process.getChildElementsByType(SubProcess.class))) {
      if (sub.triggeredByEvent()) {
        roots.addAll(sub.getChildElementsByType(StartEvent.class));
      }
    }
    return roots;
  }

  /**
   * @param from where tokens start
   * @param blocked steps a token does not pass (they are reached but not expanded)
   * @return every reached step with the step it was reached from (null for a start)
   */
  Map<FlowNode, FlowNode> reach(Collection<? extends FlowNode> from, Predicate<FlowNode> blocked) {
    Map<FlowNode, FlowNode> parents = new LinkedHashMap<>();
    Deque<FlowNode> queue = new ArrayDeque<>();
    for (FlowNode start : from) {
      parents.put(start, null);
      queue.add(start);
    }
    while (!queue.isEmpty()) {
      FlowNode node = queue.poll();
      if (blocked.test(node)) {
        continue;
      }
      for (FlowNode next : successors(node)) {
        if (!parents.containsKey(next)) {
          parents.put(next, node);
          queue.add(next);
        }
      }
    }
    return parents;
  }

  private List<FlowNode> successors(FlowNode node) {
    List<FlowNode> next = new ArrayList<>();
    for (SequenceFlow flow : outgoing(node)) {
      next.add(flow.getTarget());
    }
    if (node instanceof Activity activity) {
      for (BoundaryEvent boundary :
          node.getModelInstance().getModelElementsByType(BoundaryEvent.class)) {
        if (boundary.getAttachedTo() == activity) {
          next.add(boundary);
        }
      }
    }
    if (node instanceof SubProcess sub && !sub.triggeredByEvent()) {
      next.addAll(sub.getChildElementsByType(StartEvent.class));
    }
    if (node instanceof EndEvent end
        && end.getParentElement() instanceof SubProcess sub
        && !sub.triggeredByEvent()) {
      List<EventDefinition> thrown = end.getEventDefinitions().stream()
          .filter(definition -> definition instanceof ErrorEventDefinition
              || definition instanceof EscalationEventDefinition)
          .toList();
      if (!thrown.isEmpty()) {
        // thrown to the boundary events of the enclosing subprocess that catch it
        for (BoundaryEvent boundary :
            node.getModelInstance().getModelElementsByType(BoundaryEvent.class)) {
          if (boundary.getAttachedTo() == sub
              && boundary.getEventDefinitions().stream()
                  .anyMatch(caught ->
                      thrown.stream().anyMatch(definition -> catches(caught, definition)))) {
            next.add(boundary);
          }
        }
      } else {
        // the subprocess completes and its token moves on
        for (SequenceFlow flow : outgoing(sub)) {
          next.add(flow.getTarget());
        }
      }
    }
    return next;
  }

  /** A catching error or escalation definition without a reference catches all of its kind. */
  private static boolean catches(EventDefinition caught, EventDefinition thrown) {
    if (caught instanceof EscalationEventDefinition catching
        && thrown instanceof EscalationEventDefinition throwing) {
      return catching.getEscalation() == null
          || catching.getEscalation() == throwing.getEscalation();
    }
    if (caught instanceof ErrorEventDefinition catching
        && thrown instanceof ErrorEventDefinition throwing) {
      return catching.getError() == null || catching.getError() == throwing.getError();
    }
    return false;
  }

  /** "via Task_A, Task_B": the activities on the path from its start to {@code node}, both excluded. */
  static String via(Map<FlowNode, FlowNode> parents, FlowNode node) {
    List<String> steps = new ArrayList<>();
    FlowNode start = node;
    for (FlowNode step = parents.get(node); step != null; step = parents.get(step)) {
      start = step;
      if (step instanceof Activity && parents.get(step) != null) {
        steps.add(0, step.getId());
      }
    }
    if (start == node) {
      return "";
    }
    return " from " + start.getId() + (steps.isEmpty() ? "" : " via " + String.join(", ", steps));
  }

  private static List<SubProcess> allSubProcesses(Collection<SubProcess> level) {
    List<SubProcess> all = new ArrayList<>(level);
    for (SubProcess sub : level) {
      all.addAll(allSubProcesses(sub.getChildElementsByType(SubProcess.class)));
    }
    return all;
  }
}
