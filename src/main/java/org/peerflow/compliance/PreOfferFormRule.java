package org.peerflow.compliance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.model.bpmn.instance.FlowNode;

/**
 * Rule {@code pre-offer-form}: in a hiring process, no form shown before the conditional offer
 * speaks of criminal history, in a field or in a text: a question in the interview guide is an
 * inquiry too (Mass. G.L. c. 151B, s. 4(9 1/2)).
 */
final class PreOfferFormRule implements ComplianceRule {

  private final Collection<String> hiringProcesses;

  /** @param hiringProcesses the keys of the processes the rule applies to (peerflow.compliance.ban-the-box-processes) */
  PreOfferFormRule(Collection<String> hiringProcesses) {
    this.hiringProcesses = hiringProcesses;
  }

  @Override
  public List<String> violations(CheckedProcess process) {
    if (!hiringProcesses.contains(process.id())) {
      return List.of();
    }
    List<String> violations = new ArrayList<>();
    // a process without an offer marker is refused by rule ban-the-box
    BeforeTheOffer.in(process).ifPresent(before -> {
      for (FlowNode node : before.steps()) {
        process
            .formOf(node)
            .ifPresent(form -> form.find(Vocabulary.CRIMINAL_HISTORY, false)
                .ifPresent(hit -> violations.add("pre-offer-form: " + form.resourceName() + " "
                    + hit.component().describe() + " speaks of "
                    + Vocabulary.CRIMINAL_HISTORY.description() + " (\"" + hit.word()
                    + "\") and is shown by "
                    + StepText.describe(node) + ", reachable" + before.via(node)
                    + " before the conditional offer")));
      }
    });
    return violations;
  }
}
