package org.peerflow.compliance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * Rule {@code no-forced-petition}: in a clinical record, a step that files a court petition must
 * leave a way not to file: a path from it to an end that passes no other task. After a client
 * objects, or without capacity, the team may always decide not to seek court authority and not to
 * treat (104 CMR 28.03: no coercion; Rogers v. Commissioner of DMH; Cohen v. Bolduc, 435 Mass. 608).
 */
final class NoForcedPetitionRule implements ComplianceRule {

  /** A step that files a court petition, by its id, name or form fields. */
  private static final Pattern PETITION = Pattern.compile("(?i)petition");

  @Override
  public List<String> violations(CheckedProcess process) {
    if (!process.isClinicalRecord()) {
      return List.of();
    }
    List<String> violations = new ArrayList<>();
    for (UserTask task : process.all(UserTask.class)) {
      boolean petition = PETITION.matcher(StepText.own(task)).find()
          || process
              .formOf(task)
              .flatMap(form -> form.components().stream()
                  .filter(FormContent.Component::field)
                  .filter(component -> PETITION.matcher(component.asked()).find())
                  .findFirst())
              .isPresent();
      if (petition && !endsWithoutAnotherTask(task)) {
        violations.add("no-forced-petition: " + StepText.describe(task)
            + " files a court petition, and every path "
            + "from it leads to further court steps; give it a way not to petition that ends the path (e.g. \"not "
            + "pursuing\": the treatment is not given)");
      }
    }
    return violations;
  }

  /** @return whether an end event can be reached from the step through gateways and events only */
  private static boolean endsWithoutAnotherTask(FlowNode from) {
    Deque<FlowNode> open = new ArrayDeque<>(from.getSucceedingNodes().list());
    Set<FlowNode> seen = new HashSet<>();
    while (!open.isEmpty()) {
      FlowNode node = open.pop();
      if (!seen.add(node) || node instanceof Activity) {
        continue;
      }
      if (node instanceof EndEvent) {
        return true;
      }
      open.addAll(node.getSucceedingNodes().list());
    }
    return false;
  }
}
