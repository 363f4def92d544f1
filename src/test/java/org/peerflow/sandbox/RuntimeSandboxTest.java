package org.peerflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Rest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Defense in depth: were a model to slip past the deploy-time check, the engine's own expression
 * manager — evaluated here against a real execution, as the engine does for a listener — still
 * refuses the engine's services and other executions and resolves no Spring bean but Peerflow's;
 * and no code running in a process can change who belongs where, while every change made through
 * Camunda Admin or the REST API is logged with who made it.
 */
@ExtendWith(OutputCaptureExtension.class)
class RuntimeSandboxTest extends IntegrationTestBase {

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  IdentityService identityService;

  @LocalServerPort
  int port;

  private ProcessEngineConfigurationImpl configuration;
  private ProcessInstance instance;

  @BeforeEach
  void startACase() {
    configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    instance = runtimeService.startProcessInstanceByKey(
        "calendar-demo", "case-7", Map.of("applicantName", "Ada"));
  }

  @AfterEach
  void endTheCase() {
    runtimeService.deleteProcessInstance(instance.getId(), "test done");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      ${execution.processEngineServices}                                        | 'processEngineServices' on execution
      ${execution.getProcessEngineServices().getIdentityService()}              | 'getProcessEngineServices' on execution
      ${execution.processEngine}                                                | 'processEngine' on execution
      ${execution.superExecution}                                               | 'superExecution' on execution
      ${execution.processInstance.setVariable('x', 1)}                          | 'processInstance' on execution
      ${execution.bpmnModelInstance}                                            | 'bpmnModelInstance' on execution
      ${applicantName.class}                                                    | 'class' on a Java class
      ${businessDays.holidays()}                                                | 'holidays' on the bean businessDays
      ${sendMail.execute(execution)}                                            | 'execute' on the bean sendMail
      """)
  void engineObjectsAndNonFunctionMembersAreRefusedAtRunTime(String expression, String refusal) {
    assertThatThrownBy(() -> evaluate(expression))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Peerflow's expression sandbox refuses " + refusal);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "environment",
        "dataSource",
        "mailSender",
        "identityService",
        "runtimeService",
        "authorizationService",
        "outbox",
        "mailTemplates"
      })
  void noSpringBeanButPeerflowsResolves(String beanName) {
    assertThatThrownBy(() -> evaluate("${" + beanName + "}"))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Cannot resolve identifier '" + beanName + "'");
  }

  @Test
  void whatPeerflowsModelsUseStillEvaluates() {
    assertThat(evaluate("${execution.processBusinessKey}")).isEqualTo("case-7");
    assertThat(evaluate("${execution.getVariable('applicantName')}")).isEqualTo("Ada");
    assertThat(evaluate("${businessDays.after(1)}")).isInstanceOf(Date.class);
    assertThat(evaluate("${now()}")).isInstanceOf(Date.class);
    evaluate("${execution.setVariable('checked', true)}");
    assertThat(runtimeService.getVariable(instance.getId(), "checked")).isEqualTo(true);
  }

  @Test
  void codeRunningInAProcessCannotChangeMemberships() {
    // what DefaultDelegateInterceptor does around a delegate, listener or expression of a model
    assertThatThrownBy(() -> inExecution(() -> identityService.createMembership("owen", "hr")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining(
            "PEERFLOW-SANDBOX-010 A running process may not change identities or authorizations")
        .hasMessageContaining("CreateMembership userId=owen groupId=hr");

    assertThat(
            identityService.createUserQuery().userId("owen").memberOfGroup("hr").count())
        .isZero();
  }

  @Test
  void membershipAndAuthorizationChangesByAnAdministratorAreLoggedWithTheUser(
      CapturedOutput output) {
    Rest rest = new Rest(port);
    assertThat(
            rest.call("PUT", "admin", "admin", "/engine-rest/group/supervisors/members/pat", null)
                .status())
        .isEqualTo(204);
    assertThat(rest.call(
                "DELETE", "admin", "admin", "/engine-rest/group/supervisors/members/pat", null)
            .status())
        .isEqualTo(204);
    Rest.Response grant = rest.call(
        "POST",
        "admin",
        "admin",
        "/engine-rest/authorization/create",
        Map.of(
            "type",
            1,
            "permissions",
            new String[] {"READ"},
            "userId",
            "pat",
            "resourceType",
            6,
            "resourceId",
            "calendar-demo"));
    assertThat(grant.status()).as(grant.body()).isEqualTo(200);
    String grantId = grant.json().path("id").asText();
    assertThat(rest.call("DELETE", "admin", "admin", "/engine-rest/authorization/" + grantId, null)
            .status())
        .isEqualTo(204);

    assertThat(output.getOut())
        .contains(
            "Identity change by user 'admin': CreateMembership userId=pat groupId=supervisors")
        .contains(
            "Identity change by user 'admin': DeleteMembership userId=pat groupId=supervisors")
        .contains(
            "Identity change by user 'admin': SaveAuthorization grant READ on ProcessDefinition calendar-demo to user pat")
        .contains(
            "Identity change by user 'admin': DeleteAuthorization authorizationId=" + grantId);
  }

  private Object evaluate(String expression) {
    return configuration.getCommandExecutorTxRequired().execute(commandContext -> {
      ExecutionEntity execution =
          commandContext.getExecutionManager().findExecutionById(instance.getId());
      return configuration.getExpressionManager().createExpression(expression).getValue(execution);
    });
  }

  private void inExecution(Runnable code) {
    configuration.getCommandExecutorTxRequired().execute(commandContext -> {
      Context.setExecutionContext(
          commandContext.getExecutionManager().findExecutionById(instance.getId()));
      try {
        code.run();
      } finally {
        Context.removeExecutionContext();
      }
      return null;
    });
  }
}
