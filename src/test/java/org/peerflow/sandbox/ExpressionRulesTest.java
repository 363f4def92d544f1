package org.peerflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The expression rule set alone, on the shapes an attempt could take; no engine needed. */
class ExpressionRulesTest {

  /** As in the running application: these names are Spring beans. */
  private final ExpressionRules rules = new ExpressionRules(
      Set.of("environment", "identityService", "businessDays", "sendMail", "outbox")::contains);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "${formerClient == \"yes\"}",
        "${!(capacityChoice && capacityUnderstanding) && capacityReassess != true}",
        "${execution.setVariable('responseWindowDays', recordRules.responseWindowDays)}",
        "${task.setVariable('decisionOutcome', status == 'proxy' and objects ? 'overridden' : decision)}",
        "${execution.setVariable('decisionDue', businessDays.after(requestDate, dueDays.decisionDays))}",
        "${sendNotice.send(execution, \"notice-final\", \"applicantEmail\")}",
        "#{execution.processBusinessKey}",
        "${execution.getProcessBusinessKey()}",
        "Review ${candidateName} by ${businessDays.after(5)}",
        "${items[0]} ${rules['window']} ${rules[key]}",
        "${now()} ${currentUser()}",
        "${accommodationClock.businessDaysBetween(documentationRequestedAt, now())}"
      })
  void whatPeerflowsModelsUseIsAllowed(String expression) {
    assertThat(rules.refusal(expression)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      ${execution['processEngineServices']}                  | reaches the engine's services (processEngineServices)
      ${(execution).processEngineServices.identityService}   | reaches the engine's services
      ${execution[name]}                                      | looks up a computed name
      ${execution['setVariable']('x', 1)}                     | calls a method chosen by a [...] lookup
      ${execution.variables}                                  | reads execution.variables
      ${task.execution.processInstanceId}                     | reads task.execution
      ${externalTask.id}                                      | reads externalTask.id
      ${applicantName.class.classLoader}                      | reaches Java classes
      ${applicantName.toUpperCase()}                          | calls applicantName.toUpperCase()
      ${businessDays.zone()}                                  | calls businessDays.zone()
      ${businessDays.holidays}                                | reads businessDays.holidays
      ${identityService}                                      | reaches the engine's services (identityService)
      ${environment['spring.datasource.password']}            | uses the Spring bean 'environment'
      ${outbox}                                               | uses the Spring bean 'outbox'
      ${sendMail}                                             | uses the delegate 'sendMail' outside camunda:delegateExpression
      ${fn:exec('x')}                                         | calls the function fn:exec()
      ${(x ? execution : y).superExecution}                   | reaches another execution
      ${dateTime().plusDays(1)}                               | calls plusDays() on a computed value
      ${unclosed                                              | is not a valid expression
      """)
  void everythingElseIsRefusedWithTheReason(String expression, String reason) {
    assertThat(rules.refusal(expression))
        .hasValueSatisfying(why -> assertThat(why).contains(reason));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      ${sendMail}              | true
      #{ positionProposal }    | true
      ${identityService}       | false
      ${sendMail.execute(x)}   | false
      ${cond ? sendMail : x}   | false
      """)
  void aDelegateExpressionNamesOneOfPeerflowsDelegatesAsAWhole(
      String delegateExpression, boolean allowed) {
    assertThat(rules.delegateRefusal(delegateExpression).isEmpty()).isEqualTo(allowed);
  }
}
