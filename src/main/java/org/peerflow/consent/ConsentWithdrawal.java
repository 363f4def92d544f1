package org.peerflow.consent;

import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Records a {@code ConsentWithdrawn} message: the consent becomes inactive, with the time, the
 * channel (oral or written) and who received it (FHIR revocation pattern). A message without a
 * valid channel or receiver is refused, which rolls back its correlation: nothing changes.
 */
@Component("consentWithdrawal")
class ConsentWithdrawal implements JavaDelegate {

  private static final Set<String> CHANNELS = Set.of("oral", "written");

  @Override
  public void execute(DelegateExecution execution) {
    Object channel = execution.getVariable("withdrawalChannel");
    if (channel == null || !CHANNELS.contains(channel.toString())) {
      throw new BadUserRequestException(
          "A ConsentWithdrawn message needs withdrawalChannel 'oral' or 'written', not '" + channel
              + "'.");
    }
    Object receivedBy = execution.getVariable("receivedBy");
    if (receivedBy == null || receivedBy.toString().isBlank()) {
      throw new BadUserRequestException(
          "A ConsentWithdrawn message needs receivedBy: who on the treating staff received the withdrawal.");
    }
    boolean wasActive = Boolean.TRUE.equals(execution.getVariable("consentActive"));
    execution.setVariable("consentWasActive", wasActive);
    execution.setVariable("consentActive", false);
    execution.setVariable("withdrawnAt", ClockUtil.getCurrentTime());
    if (wasActive) {
      execution.setVariable("consentOutcome", "WITHDRAWN");
    }
  }
}
