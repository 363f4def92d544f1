package org.peerflow.consent;

import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.peerflow.cases.StartVariables;
import org.springframework.stereotype.Component;

/**
 * Start of {@code informed-consent}: checks what the clinician proposed, makes the starting
 * clinician the prescriber unless another clinician is named, looks up the prescriber's e-mail
 * address for the withdrawal notice, and gives the case its consent id.
 */
@Component("consentProposal")
class ConsentProposal implements ExecutionListener {

  static final String CLINICIANS = "clinicians";
  private static final Set<String> KINDS = Set.of("standard", "antipsychotic", "extraordinary");

  private final IdentityService identityService;

  ConsentProposal(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    StartVariables.requiredText(execution, "clientName", "the client's name");
    StartVariables.requiredText(
        execution, "proposedTreatment", "what is proposed, with dose, route and duration");
    String kind = StartVariables.requiredText(
        execution, "treatmentKind", "standard, antipsychotic or extraordinary");
    if (!KINDS.contains(kind)) {
      throw new BadUserRequestException(
          "The start variable 'treatmentKind' must be 'standard', 'antipsychotic' or 'extraordinary', not '"
              + kind + "'.");
    }
    StartVariables.requiredEmail(
        execution, "clientTeamEmail", "where notices to the client's team go");
    String prescriber = prescriber(execution);
    User user = Context.getCommandContext().runWithoutAuthorization(() -> clinician(prescriber));
    if (user.getEmail() == null || user.getEmail().isBlank()) {
      throw new BadUserRequestException(
          "The prescriber '" + prescriber + "' has no e-mail address for the withdrawal notice.");
    }
    StartVariables.businessKeyOrNew(execution, "IC");
    execution.setVariable("prescriber", prescriber);
    execution.setVariable("prescriberEmail", user.getEmail());
    execution.setVariable("consentActive", false);
    execution.setVariable("rogersPlanInForce", false);
    execution.setVariable("clientObjects", false);
  }

  private static String prescriber(DelegateExecution execution) {
    Object named = execution.getVariable("prescriber");
    if (named instanceof String text && !text.isBlank()) {
      return text.trim();
    }
    Object initiator = execution.getVariable("proposedBy");
    if (initiator instanceof String text && !text.isBlank()) {
      return text;
    }
    throw new BadUserRequestException(
        "The start variable 'prescriber' (user id of the prescribing clinician) is missing"
            + " and nobody is logged in to be the prescriber.");
  }

  private User clinician(String userId) {
    User user = identityService
        .createUserQuery()
        .userId(userId)
        .memberOfGroup(CLINICIANS)
        .singleResult();
    if (user == null) {
      throw new BadUserRequestException(
          "The prescriber '" + userId + "' is not a member of the group 'clinicians'.");
    }
    return user;
  }
}
