package org.peerflow.consent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * Refuses to complete {@code Task_Disclose} unless every disclosure element is confirmed. The
 * Tasklist enforces the form's required checkboxes; a REST completion does not, so the engine
 * checks again. Thrown as a form validation error: the REST API answers 400 and the whole
 * completion is rolled back. Not applied when the task is cancelled (a withdrawal).
 */
@Component("disclosureCheck")
class DisclosureCheck implements ExecutionListener {

  static final Map<String, String> ELEMENTS = new LinkedHashMap<>();

  static {
    ELEMENTS.put("disclosedCondition", "the condition");
    ELEMENTS.put("disclosedTreatment", "the proposed treatment");
    ELEMENTS.put("disclosedRisksBenefits", "risks, side effects and benefits");
    ELEMENTS.put("disclosedAlternatives", "alternatives including no treatment");
    ELEMENTS.put(
        "disclosedRightToRefuse",
        "the right to refuse without coercion, retaliation or punishment");
    ELEMENTS.put(
        "disclosedRightToWithdraw", "the right to withdraw orally or in writing at any time");
    ELEMENTS.put("writtenMaterialGiven", "the written information in everyday language");
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    List<String> missing = new ArrayList<>();
    ELEMENTS.forEach((variable, meaning) -> {
      if (!Boolean.TRUE.equals(execution.getVariable(variable))) {
        missing.add(meaning + " (" + variable + ")");
      }
    });
    if (!missing.isEmpty()) {
      throw new FormFieldValidationException(
          Map.of("missing", missing),
          "The disclosure is incomplete: confirm every element before completing it. Missing: "
              + String.join("; ", missing) + ".");
    }
  }
}
