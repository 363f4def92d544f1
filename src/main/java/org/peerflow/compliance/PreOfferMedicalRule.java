package org.peerflow.compliance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.FlowNode;

/**
 * Rule {@code pre-offer-medical}: in a hiring process, no step before the conditional offer handles
 * medical data. A disability inquiry is unlawful before an offer (42 USC 12112(d)(2)), and whether
 * an applicant was a client of the employer is health information (HIPAA 45 CFR 164.508; 42 CFR
 * Part 2).
 */
final class PreOfferMedicalRule implements ComplianceRule {

  private final Collection<String> hiringProcesses;

  /** @param hiringProcesses the keys of the processes the rule applies to (peerflow.compliance.ban-the-box-processes) */
  PreOfferMedicalRule(Collection<String> hiringProcesses) {
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
        medicalIn(process, node)
            .ifPresent(why -> violations.add("pre-offer-medical: " + StepText.describe(node)
                + " is reachable" + before.via(node)
                + " before the conditional offer and handles medical data (" + why
                + "); a disability inquiry or a client-record lookup is unlawful before an offer (42 USC 12112(d)(2); HIPAA "
                + "45 CFR 164.508): move it after the offer, into a process only hr may read"));
      }
    });
    return violations;
  }

  /**
   * @return why the step handles medical data (a diagnosis, whether the applicant was a client),
   *     if it does. Called processes are not followed: an applicant's own accommodation request
   *     may start accommodation-request before the offer (EEOC Guidance Q1-Q4)
   */
  private static Optional<String> medicalIn(CheckedProcess process, FlowNode node) {
    Optional<Set<String>> declared = Classification.data(node);
    if (declared.isPresent()) {
      return declared.get().contains(Classification.MEDICAL)
          ? Optional.of("classified peerflow.data = " + String.join(",", declared.get()))
          : Optional.empty();
    }
    Optional<String> word = Vocabulary.MEDICAL.find(StepText.own(node));
    if (word.isPresent()) {
      return Optional.of("unclassified, but it speaks of \"" + word.get() + "\"");
    }
    return process
        .formOf(node)
        .flatMap(form -> form.findAsked(Vocabulary.MEDICAL))
        .map(hit -> "unclassified, but its form field " + hit.component().describe()
            + " asks about \"" + hit.word() + "\"");
  }
}
