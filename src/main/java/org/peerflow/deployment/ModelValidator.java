package org.peerflow.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.peerflow.model.DeclaredProcess;
import org.peerflow.model.DeploymentDiagrams;
import org.peerflow.model.PeerflowProperties;

/**
 * Checks every model of a new deployment before the engine stores it, whatever the channel
 * (start-up, hot redeploy, REST from Desktop Modeler). One broken file refuses the whole
 * deployment, so the running version stays in service. The engine's own parser still runs after
 * this and reports BPMN execution errors with line numbers; this adds what it does not check:
 * form files, DMN that fails to transform, and forms that a diagram names but does not bring.
 */
class ModelValidator implements Deployer {

  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  static final String JSON_VALUE_TYPE = "json";

  private final FormSchemaCheck formCheck = new FormSchemaCheck();

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return; // a definition cache reload of something already accepted
    }
    Map<String, String> formIdToResource = new HashMap<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      if (resource.getName().endsWith(".form")) {
        String formId =
            formCheck.check(resource.getName(), resource.getBytes(), engineStoresJson());
        String previous = formIdToResource.put(formId, resource.getName());
        if (previous != null) {
          throw new ModelRefusedException(
              resource.getName(), "form id '" + formId + "' is already used by " + previous);
        }
      } else if (resource.getName().endsWith(".dmn")) {
        checkDmn(resource);
      }
    }
    for (ResourceEntity resource : deployment.getResources().values()) {
      if (resource.getName().endsWith(".bpmn") || resource.getName().endsWith(".bpmn20.xml")) {
        checkBpmn(resource, formIdToResource.keySet());
      }
    }
  }

  /** The Tasklist sends a checklist's value as type Json: the engine must have Spin's JSON data format. */
  private static boolean engineStoresJson() {
    return Context.getProcessEngineConfiguration()
            .getVariableSerializers()
            .getSerializerByName(JSON_VALUE_TYPE)
        != null;
  }

  private void checkDmn(ResourceEntity resource) {
    try {
      DmnModelInstance model =
          Dmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
      DefaultDmnEngineConfiguration dmn =
          Context.getProcessEngineConfiguration().getDmnEngineConfiguration();
      dmn.getTransformer().createTransform().modelInstance(model).transformDecisions();
    } catch (RuntimeException e) {
      throw new ModelRefusedException(
          resource.getName(), "not a valid DMN decision table: " + rootMessage(e));
    }
  }

  private void checkBpmn(ResourceEntity resource, Set<String> formIds) {
    BpmnModelInstance model;
    try {
      model = DeploymentDiagrams.of(resource);
    } catch (RuntimeException e) {
      throw new ModelRefusedException(
          resource.getName(), "not a valid BPMN 2.0 diagram: " + rootMessage(e));
    }
    Set<BaseElement> withForms = new HashSet<>(model.getModelElementsByType(UserTask.class));
    withForms.addAll(model.getModelElementsByType(StartEvent.class));
    for (BaseElement element : withForms) {
      checkFormReference(resource.getName(), element, formIds);
    }
    Set<BaseElement> withProperties = new LinkedHashSet<>();
    for (CamundaProperties properties : model.getModelElementsByType(CamundaProperties.class)) {
      // a form field's own properties are not Peerflow's: only an element's extension properties
      if (properties.getParentElement() instanceof ExtensionElements extensions
          && extensions.getParentElement() instanceof BaseElement owner) {
        withProperties.add(owner);
      }
    }
    withProperties.forEach(owner -> checkPeerflowPropertiesOnce(resource.getName(), owner));
    for (Process process : model.getModelElementsByType(Process.class)) {
      checkDeclaration(resource.getName(), process);
    }
  }

  /**
   * A Peerflow property given twice (two {@code peerflow.readers} entries) would mean two things to
   * whoever reads it; one entry, with a comma-separated list, means one thing.
   */
  private void checkPeerflowPropertiesOnce(String resourceName, BaseElement owner) {
    PeerflowProperties.of(owner).duplicates().stream().findFirst().ifPresent(twice -> {
      throw new ModelRefusedException(
          resourceName,
          describe(owner) + " declares " + twice.name() + " twice ('" + twice.first() + "' and '"
              + twice.second() + "'); give it once, with a comma-separated list");
    });
  }

  /** What every reader of the declaration ({@link DeclaredProcess}) would otherwise fail on later. */
  private void checkDeclaration(String resourceName, Process process) {
    try {
      DeclaredProcess.of(process);
    } catch (IllegalArgumentException e) {
      throw new ModelRefusedException(resourceName, describe(process) + ": " + e.getMessage());
    }
  }

  /** Peerflow uses Camunda Forms only, versioned with their diagram (binding "deployment"). */
  private void checkFormReference(String resourceName, BaseElement element, Set<String> formIds) {
    String formKey = element.getAttributeValueNs(CAMUNDA_NS, "formKey");
    String formRef = element.getAttributeValueNs(CAMUNDA_NS, "formRef");
    String binding = element.getAttributeValueNs(CAMUNDA_NS, "formRefBinding");
    String label = describe(element);
    if (formKey != null) {
      throw new ModelRefusedException(
          resourceName,
          label + " uses camunda:formKey '" + formKey
              + "'; Peerflow tasks use Camunda Forms: set a form reference (camunda:formRef) instead");
    }
    if (formRef == null) {
      if (element instanceof UserTask) {
        throw new ModelRefusedException(
            resourceName,
            label
                + " has no Camunda Form: set its form reference (camunda:formRef) to the id of a form in forms/");
      }
      return; // a start event without input needs no form
    }
    if (binding != null && !"deployment".equals(binding)) {
      throw new ModelRefusedException(
          resourceName,
          label + " binds its form '" + formRef + "' by '" + binding
              + "'; use binding 'deployment' so the form is versioned with the diagram");
    }
    if (!formRef.contains("${") && !formIds.contains(formRef)) {
      throw new ModelRefusedException(
          resourceName,
          label + " uses form '" + formRef
              + "' but this deployment has no form with that id; deploy the diagram together with its forms"
              + (formIds.isEmpty()
                  ? ""
                  : " (forms present: " + String.join(", ", new java.util.TreeSet<>(formIds))
                      + ")"));
    }
  }

  static String describe(BaseElement element) {
    String name = element.getAttributeValue("name");
    return element.getId() + (name == null ? "" : " (\"" + name.replaceAll("\\s+", " ") + "\")");
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return root == e ? message : e.getMessage() + " (" + message + ")";
  }

  /** The parts of a form-js schema the Camunda 7 Tasklist needs to render a form. */
  static final class FormSchemaCheck {

    /** form-js component types the Tasklist of Camunda 7.24 renders and can store. */
    private static final Set<String> KNOWN_TYPES = Set.of(
        "textfield",
        "textarea",
        "number",
        "datetime",
        "checkbox",
        "checklist",
        "radio",
        "select",
        "taglist",
        "text",
        "html",
        "image",
        "button",
        "group",
        "dynamiclist",
        "spacer",
        "separator",
        "iframe",
        "table",
        "expression");

    /** form-js components whose value is a list, which the Tasklist submits as type Json */
    private static final Set<String> JSON_VALUED_TYPES =
        Set.of("checklist", "taglist", "dynamiclist");

    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param engineStoresJson whether the engine can store a value of type Json
     * @return the form's id, which diagrams name in camunda:formRef
     */
    String check(String resourceName, byte[] bytes, boolean engineStoresJson) {
      JsonNode form;
      try {
        form = json.readTree(bytes);
      } catch (JsonProcessingException e) {
        throw new ModelRefusedException(
            resourceName,
            "not valid JSON at line "
                + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                + e.getOriginalMessage()
                    .replaceAll(
                        "\\s*\\(for (\\w+) starting at \\[Source: .*?line: (\\d+), column: \\d+]\\)",
                        " (the $1 opened at line $2)"));
      } catch (java.io.IOException e) {
        throw new ModelRefusedException(resourceName, "cannot be read: " + e.getMessage());
      }
      if (form == null || !form.isObject()) {
        throw new ModelRefusedException(resourceName, "a Camunda Form is a JSON object");
      }
      JsonNode id = form.get("id");
      if (id == null || !id.isTextual() || id.asText().isBlank()) {
        throw new ModelRefusedException(
            resourceName, "has no \"id\": diagrams find a form by its id (camunda:formRef)");
      }
      if (!form.path("components").isArray()) {
        throw new ModelRefusedException(resourceName, "has no \"components\" list");
      }
      checkComponents(resourceName, form.get("components"), new HashSet<>(), engineStoresJson);
      return id.asText();
    }

    private void checkComponents(
        String resourceName, JsonNode components, Set<String> keys, boolean engineStoresJson) {
      for (JsonNode component : components) {
        String type = component.path("type").asText("");
        String where = component.path("id").asText(component.path("key").asText("a component"));
        if (type.isEmpty()) {
          throw new ModelRefusedException(resourceName, where + " has no \"type\"");
        }
        if (!KNOWN_TYPES.contains(type)) {
          throw new ModelRefusedException(
              resourceName,
              where + " has type \"" + type
                  + "\", which the Camunda 7 Tasklist cannot render or store");
        }
        String key = component.path("key").asText(null);
        if (key != null && !engineStoresJson && JSON_VALUED_TYPES.contains(type)) {
          throw new ModelRefusedException(
              resourceName,
              type + " " + where + " (\"" + key + "\"): the Tasklist sends its"
                  + " value as type Json, which this engine cannot store (Camunda Spin's JSON data format is not registered)");
        }
        if (key != null && !"dynamiclist".equals(type) && !keys.add(key)) {
          throw new ModelRefusedException(
              resourceName, "two fields write the same variable \"" + key + "\"");
        }
        if (component.has("components")) {
          // a dynamic list repeats its children: their keys live in each item, not the form
          checkComponents(
              resourceName,
              component.get("components"),
              "dynamiclist".equals(type) ? new HashSet<>() : keys,
              engineStoresJson);
        }
      }
    }
  }
}
