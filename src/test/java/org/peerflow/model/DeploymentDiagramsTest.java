package org.peerflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;

/** The deployers of one deployment share its parsed diagrams: one parse per diagram and command. */
class DeploymentDiagramsTest extends IntegrationTestBase {

  private static ResourceEntity diagram(String name) {
    ResourceEntity resource = new ResourceEntity();
    resource.setName(name);
    resource.setBytes(Bpmn.convertToString(
            Bpmn.createExecutableProcess("demo").startEvent().endEvent().done())
        .getBytes(StandardCharsets.UTF_8));
    return resource;
  }

  private <T> T inOneCommand(Command<T> command) {
    return ((ProcessEngineImpl) processEngine)
        .getProcessEngineConfiguration()
        .getCommandExecutorTxRequired()
        .execute(command);
  }

  @Test
  void withinOneCommandAResourceIsParsedOnceAndAnotherResourceOnItsOwn() {
    ResourceEntity resource = diagram("processes/demo.bpmn");
    ResourceEntity sameBytesOtherDeployment = diagram("processes/demo.bpmn");

    BpmnModelInstance[] seen = inOneCommand(context -> new BpmnModelInstance[] {
      DeploymentDiagrams.of(resource),
      DeploymentDiagrams.of(resource),
      DeploymentDiagrams.of(sameBytesOtherDeployment)
    });

    assertThat(seen[1]).isSameAs(seen[0]);
    assertThat(seen[2]).isNotSameAs(seen[0]);
  }

  @Test
  void aNewCommandParsesAfresh() {
    ResourceEntity resource = diagram("processes/demo.bpmn");

    BpmnModelInstance first = inOneCommand(context -> DeploymentDiagrams.of(resource));
    BpmnModelInstance second = inOneCommand(context -> DeploymentDiagrams.of(resource));

    assertThat(second).isNotSameAs(first);
  }

  @Test
  void outsideACommandEachCallParses() {
    ResourceEntity resource = diagram("processes/demo.bpmn");

    BpmnModelInstance first = DeploymentDiagrams.of(resource);

    assertThat(DeploymentDiagrams.of(resource)).isNotSameAs(first);
    assertThat(first.<org.camunda.bpm.model.bpmn.instance.Process>getModelElementById("demo"))
        .isNotNull();
  }
}
