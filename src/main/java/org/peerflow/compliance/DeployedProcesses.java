package org.peerflow.compliance;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.peerflow.deployment.ModelRefusedException;

/**
 * The processes already in the repository, read inside the deployment's own command: a call into a
 * process deployed on its own (an HR-only review, a clinical record) is checked against the
 * version a new instance would call, the latest.
 */
final class DeployedProcesses implements CalledProcesses {

  private final String tenantId;
  private final String callerResource;

  /**
   * @param tenantId the deployment's tenant: a call finds the called process in it (null: none)
   * @param callerResource the diagram that calls, named in a refusal
   */
  DeployedProcesses(String tenantId, String callerResource) {
    this.tenantId = tenantId;
    this.callerResource = callerResource;
  }

  @Override
  public Optional<Process> byKey(String key) {
    CommandContext commandContext = Context.getCommandContext();
    // the deploying user may not read the called definition; the check must see it anyway
    return commandContext.runWithoutAuthorization(() -> {
      ProcessDefinitionEntity latest = tenantId == null
          ? commandContext.getProcessDefinitionManager().findLatestProcessDefinitionByKey(key)
          : commandContext
              .getProcessDefinitionManager()
              .findLatestProcessDefinitionByKeyAndTenantId(key, tenantId);
      if (latest == null) {
        return Optional.empty();
      }
      ResourceEntity resource = commandContext
          .getResourceManager()
          .findResourceByDeploymentIdAndResourceName(
              latest.getDeploymentId(), latest.getResourceName());
      if (resource == null) {
        return Optional.empty();
      }
      BpmnModelInstance model;
      try {
        model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
      } catch (RuntimeException e) {
        throw new ModelRefusedException(
            callerResource,
            "compliance: the deployed diagram " + resource.getName()
                + " of the called process " + key + " (version " + latest.getVersion()
                + ") cannot be read, so the call "
                + "cannot be checked (" + e.getMessage() + "); deploy a readable version of " + key
                + " first");
      }
      return Optional.ofNullable(model.getModelElementById(key));
    });
  }
}
