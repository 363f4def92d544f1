package org.peerflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.junit.jupiter.api.Test;
import org.peerflow.deployment.ModelRefusedException;

/**
 * The guard as the engine calls it, on a deployment built in code, without an engine: what it
 * cannot read is refused, and a called process that is not in the deployment is asked of the
 * repository (here a map) for the deployment's tenant.
 */
class GuardedDeploymentTest {

  private final List<String> askedForTenantAndCaller = new ArrayList<>();
  private final Map<String, BpmnModelInstance> repository = new java.util.HashMap<>();
  private final ComplianceGuard guard =
      new ComplianceGuard(List.of(new ConfidentialityRule()), (tenant, caller) -> {
        askedForTenantAndCaller.add(tenant + " " + caller);
        return key -> Optional.ofNullable(repository.get(key))
            .map(model -> (Process) model.getModelElementById(key));
      });

  private static DeploymentEntity deployment(String tenantId, Map<String, byte[]> resources) {
    DeploymentEntity deployment = new DeploymentEntity();
    deployment.setNew(true);
    deployment.setTenantId(tenantId);
    resources.forEach((name, bytes) -> {
      ResourceEntity resource = new ResourceEntity();
      resource.setName(name);
      resource.setBytes(bytes);
      deployment.addResource(resource);
    });
    return deployment;
  }

  private static byte[] bytes(BpmnModelInstance model) {
    return Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8);
  }

  private static BpmnModelInstance callerReturningAll() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("hiring")
        .startEvent()
        .callActivity("CallActivity_Review")
        .name("Review")
        .calledElement("record-review")
        .endEvent()
        .done();
    CamundaOut all = model.newInstance(CamundaOut.class);
    all.setCamundaVariables("all");
    model
        .<CallActivity>getModelElementById("CallActivity_Review")
        .builder()
        .addExtensionElement(all);
    return model;
  }

  private static BpmnModelInstance review(String data) {
    return RuleCheck.property(
        Bpmn.createExecutableProcess("record-review")
            .startEvent()
            .userTask("Task_Assess")
            .camundaCandidateGroups("hr")
            .endEvent()
            .done(),
        "Task_Assess",
        "peerflow.data",
        data);
  }

  @Test
  void aDiagramTheGuardCannotReadIsRefusedNotPassedUnchecked() {
    assertThatThrownBy(() -> guard.deploy(deployment(
            null,
            Map.of("processes/broken.bpmn", "<bpmn:definitions".getBytes(StandardCharsets.UTF_8)))))
        .isInstanceOf(ModelRefusedException.class)
        .hasMessageStartingWith(
            "Deployment refused: processes/broken.bpmn: compliance: the diagram cannot be read, "
                + "so the compliance rules cannot be checked");
  }

  @Test
  void aFormTheGuardCannotReadIsRefusedNotPassedUnchecked() {
    assertThatThrownBy(() -> guard.deploy(deployment(
            null,
            Map.of(
                "forms/broken.form",
                "{\"id\": \"broken\", \"components\": [".getBytes(StandardCharsets.UTF_8)))))
        .isInstanceOf(ModelRefusedException.class)
        .hasMessageStartingWith(
            "Deployment refused: forms/broken.form: compliance: the form cannot be read");
  }

  @Test
  void aCallIntoAConfidentialProcessDeployedEarlierIsCheckedAgainstTheRepository() {
    repository.put("record-review", review("criminal-history"));

    assertThatThrownBy(() -> guard.deploy(
            deployment("tenant-a", Map.of("processes/hiring.bpmn", bytes(callerReturningAll())))))
        .isInstanceOf(ModelRefusedException.class)
        .hasMessage(
            "Deployment refused: processes/hiring.bpmn: confidentiality: CallActivity_Review (\"Review\") returns "
                + "all variables of a confidential process to hiring; return only the outcome (camunda:out per variable)");
    assertThat(askedForTenantAndCaller).containsExactly("tenant-a processes/hiring.bpmn");
  }

  @Test
  void theCalledProcessOfTheSameDeploymentIsCheckedRatherThanTheDeployedOne() {
    repository.put("record-review", review("criminal-history"));

    assertThatCode(() -> guard.deploy(deployment(
            null,
            Map.of(
                "processes/hiring.bpmn",
                bytes(callerReturningAll()),
                "processes/record-review.bpmn",
                bytes(review("none"))))))
        .doesNotThrowAnyException();
  }
}
