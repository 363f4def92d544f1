package org.peerflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A confidential HR-only process deployed on its own, then a process that calls it deployed later:
 * the guard reads the called process from the repository, so returning all of its variables to the
 * caller is refused as if both had been deployed together.
 */
class SeparatelyDeployedCallTest extends IntegrationTestBase {

  private static final String REVIEW = "separate-record-review";
  private static final String CALLER = "separate-review-caller";

  @Autowired
  RepositoryService repositoryService;

  @Test
  void aCallReturningAllVariablesOfASeparatelyDeployedConfidentialProcessIsRefused() {
    deployTheConfidentialReviewAlone();
    long callerVersions = callerVersions();

    assertThatThrownBy(() -> deployCaller(caller("all")))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("Deployment refused: processes/" + CALLER
            + ".bpmn: confidentiality: CallActivity_Review "
            + "(\"Review the record (HR only)\") returns all variables of a confidential process to "
            + CALLER);
    assertThat(callerVersions()).isEqualTo(callerVersions);

    deployCaller(caller("reviewOutcome"));
    assertThat(callerVersions())
        .as("returning only the outcome is fine")
        .isEqualTo(callerVersions + 1);
  }

  private void deployTheConfidentialReviewAlone() {
    BpmnModelInstance review = Bpmn.createExecutableProcess(REVIEW)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask("Task_Assess")
        .name("Assess the record")
        .camundaCandidateGroups("hr")
        .camundaFormRef(REVIEW)
        .camundaFormRefBinding("deployment")
        .endEvent()
        .done();
    RuleCheck.property(review, REVIEW, "peerflow.readers", "hr");
    RuleCheck.property(review, "Task_Assess", "peerflow.data", "criminal-history");
    repositoryService
        .createDeployment()
        .name(REVIEW)
        .enableDuplicateFiltering(true)
        .addModelInstance("processes/" + REVIEW + ".bpmn", review)
        .addString(
            "forms/" + REVIEW + ".form",
            "{\"schemaVersion\": 16, \"type\": \"default\", \"id\": \"" + REVIEW
                + "\", \"components\": [{\"type\": \"textfield\", \"id\": \"Field_Outcome\", \"key\": \"reviewOutcome\", "
                + "\"label\": \"Outcome\"}]}")
        .deploy();
  }

  /** @param returned "all" for every variable of the review, else the one variable returned */
  private static BpmnModelInstance caller(String returned) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(CALLER)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .callActivity("CallActivity_Review")
        .name("Review the record (HR only)")
        .calledElement(REVIEW)
        .endEvent()
        .done();
    CamundaOut out = model.newInstance(CamundaOut.class);
    if (returned.equals("all")) {
      out.setCamundaVariables("all");
    } else {
      out.setCamundaSource(returned);
      out.setCamundaTarget(returned);
    }
    model
        .<CallActivity>getModelElementById("CallActivity_Review")
        .builder()
        .addExtensionElement(out);
    return model;
  }

  private Deployment deployCaller(BpmnModelInstance model) {
    return repositoryService
        .createDeployment()
        .name(CALLER)
        .addInputStream(
            "processes/" + CALLER + ".bpmn",
            new ByteArrayInputStream(Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8)))
        .deploy();
  }

  private long callerVersions() {
    return repositoryService
        .createProcessDefinitionQuery()
        .processDefinitionKey(CALLER)
        .count();
  }
}
