package org.peerflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerflow.IntegrationTestBase;
import org.springframework.beans.factory.annotation.Autowired;

/** Deploying the process owners' folders: stable names, no redundant versions, all or nothing. */
class FolderDeploymentTest extends IntegrationTestBase {

  @Autowired
  RepositoryService repositoryService;

  @TempDir
  Path root;

  @Test
  void everyModelIsDeployedAsOneDeploymentWithStableResourceNames() {
    ModelFiles.layOutValidModels(root);

    DeploymentWithDefinitions deployment = deployer("stable-names").deploy().orElseThrow();

    assertThat(repositoryService.getDeploymentResources(deployment.getId()))
        .extracting(Resource::getName)
        .containsExactlyInAnyOrder(
            "processes/deployment-demo.bpmn",
            "processes/deployment-demo-window.dmn",
            "forms/deployment-demo-review.form");
    assertThat(deployment.getDeployedProcessDefinitions())
        .extracting("key")
        .containsExactly("deployment-demo");
    assertThat(deployment.getDeployedDecisionDefinitions())
        .extracting("key")
        .containsExactly("deployment-demo-window");
  }

  @Test
  void anUnchangedRestartDeploysNothingNew() {
    ModelFiles.layOutValidModels(root);
    FolderDeployer deployer = deployer("unchanged-restart");
    String first = deployer.deploy().orElseThrow().getId();

    Optional<DeploymentWithDefinitions> second = deployer("unchanged-restart").deploy();

    assertThat(second).isEmpty();
    assertThat(repositoryService
            .createDeploymentQuery()
            .deploymentName("unchanged-restart")
            .list())
        .extracting("id")
        .containsExactly(first);
  }

  @Test
  void aChangedModelRedeploysTheWholeSetSoDiagramsKeepTheirForms() {
    ModelFiles.layOutValidModels(root);
    FolderDeployer deployer = deployer("changed-model");
    deployer.deploy().orElseThrow();
    ModelFiles.copy(ModelFiles.VALID.resolve("deployment-demo.bpmn"), root.resolve("processes"));
    writeRenamedTask(root.resolve("processes/deployment-demo.bpmn"));

    DeploymentWithDefinitions second = deployer.deploy().orElseThrow();

    assertThat(repositoryService.getDeploymentResources(second.getId()))
        .extracting(Resource::getName)
        .contains("forms/deployment-demo-review.form");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unclosed-tag.bpmn        | not a valid BPMN 2.0 diagram
      missing-form.bpmn        | Task_Review ("Review the demo") uses form 'no-such-form' but this deployment has no form with that id
      task-without-form.bpmn   | Task_Review ("Review the demo") has no Camunda Form
      no-history-ttl.bpmn      | History Time To Live
      unterminated.form        | not valid JSON at line
      unsupported-field.form   | Field_Note has type "filepicker", which the Camunda 7 Tasklist cannot render or store
      unknown-hit-policy.dmn   | not a valid DMN decision table
      duplicate-readers.bpmn   | deployment-demo ("Deployment demo") declares peerflow.readers twice ('hr' and 'supervisors')
      duplicate-readers-two-lists.bpmn | deployment-demo ("Deployment demo") declares peerflow.readers twice ('hr' and 'supervisors')
      malformed-case-people.bpmn | deployment-demo ("Deployment demo"): 'supervisors' in peerflow.case-people is not 'variable:group'
      """)
  void aBrokenModelIsRefusedAsAWholeNamingTheFileAndTheProblem(String brokenFile, String problem) {
    ModelFiles.layOutValidModels(root);
    FolderDeployer deployer = deployer("refused-" + brokenFile);
    String resourceName = ModelFiles.addBrokenModel(root, brokenFile);
    long deploymentsBefore = repositoryService.createDeploymentQuery().count();

    assertThatThrownBy(deployer::deploy)
        .isInstanceOf(ParseException.class)
        .hasMessageContaining(resourceName)
        .hasMessageContaining(problem);
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);
  }

  private FolderDeployer deployer(String name) {
    return new FolderDeployer(
        repositoryService,
        new DeploymentProperties(
            List.of(root.resolve("processes").toString(), root.resolve("forms").toString()),
            false,
            name));
  }

  static void writeRenamedTask(Path bpmn) {
    String xml = new String(ModelFiles.read(bpmn), java.nio.charset.StandardCharsets.UTF_8);
    try {
      java.nio.file.Files.writeString(
          bpmn, xml.replace("Review the demo", "Review the demo again"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
