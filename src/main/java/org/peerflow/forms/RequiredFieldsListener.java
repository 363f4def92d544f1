package org.peerflow.forms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Refuses a task completion that leaves a required field of the task's Camunda Form empty. The
 * exception is the engine's own form-validation exception, which the REST API answers with HTTP
 * 400 ("Cannot complete task ...: ..."); the command rolls back, so nothing of the completion is
 * kept. A field counts as filled when the task sees a variable of that name that is not null, not
 * blank and not an empty list or JSON array — set by this completion or earlier. Fields the form shows only under
 * a condition are not checked: the condition is FEEL, evaluated by the browser.
 */
final class RequiredFieldsListener implements TaskListener {

  private final FormRequirements requirements;

  RequiredFieldsListener(FormRequirements requirements) {
    this.requirements = requirements;
  }

  @Override
  public void notify(DelegateTask delegateTask) {
    TaskEntity task = (TaskEntity) delegateTask;
    var definition = task.getTaskDefinition();
    if (definition == null
        || definition.getFormDefinition() == null
        || definition.getFormDefinition().getCamundaFormDefinitionKey() == null) {
      return;
    }
    String formId =
        definition.getFormDefinition().getCamundaFormDefinitionKey().getExpressionText();
    String deploymentId =
        task.getProcessDefinition() == null ? null : task.getProcessDefinition().getDeploymentId();
    if (deploymentId == null) {
      return;
    }
    List<String> missing = new ArrayList<>();
    for (FormRequirements.Field field : requirements.required(deploymentId, formId)) {
      if (isEmpty(delegateTask.getVariable(field.key()))) {
        missing.add(field.label() + " (" + field.key() + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new FormFieldValidationException(
          missing,
          "PEERFLOW-FORM-001 Required field"
              + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + " of form '"
              + formId
              + "' " + (missing.size() == 1 ? "has" : "have")
              + " no value; the task was not completed.");
    }
  }

  private static boolean isEmpty(Object value) {
    return value == null
        || value instanceof String text && text.isBlank()
        || value instanceof Collection<?> list && list.isEmpty()
        || value instanceof Map<?, ?> map && map.isEmpty()
        // a checklist or taglist as the Tasklist sends it: type Json, an array of the ticked values
        || value instanceof SpinJsonNode json
            && (json.isNull() || json.isArray() && json.elements().isEmpty());
  }
}
