package org.peerflow.hiring;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Starts the referrals (record sealing, legal aid, education) as their own process instance, so
 * that they never block the decision and nothing they record can flow back into it. The HR user
 * completing the assessment may not start that process directly; the referral is Peerflow's act.
 */
@Component("offerReferrals")
class OfferReferrals implements JavaDelegate {

  static final String REFERRALS_PROCESS = "fair-chance-referrals";

  @Override
  public void execute(DelegateExecution execution) {
    Context.getCommandContext()
        .runWithoutAuthorization(() -> execution
            .getProcessEngineServices()
            .getRuntimeService()
            .createProcessInstanceByKey(REFERRALS_PROCESS)
            .businessKey(execution.getProcessBusinessKey())
            .setVariable("applicantName", execution.getVariable("applicantName"))
            .setVariable("applicantEmail", execution.getVariable("applicantEmail"))
            .execute());
  }
}
