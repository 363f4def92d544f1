package org.peerflow.modeler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.springframework.stereotype.Component;

/**
 * The models the engine runs, as the modeler lists and edits them: processes, decision tables and
 * forms, each by key with its versions, and the files a diagram needs deployed with it.
 */
@Component
class DeployedModels {

  enum Type {
    bpmn,
    dmn,
    form
  }

  /** One deployed version of a model. */
  record Version(
      Type type,
      String key,
      String name,
      int version,
      String definitionId,
      String deploymentId,
      String resourceName,
      String deploymentName,
      String source,
      Date deployedAt,
      String deployedBy) {}

  private static final Pattern FORM_REF = Pattern.compile("camunda:formRef=\"([^\"$#{}]+)\"");
  private static final Pattern DECISION_REF =
      Pattern.compile("camunda:decisionRef=\"([^\"$#{}]+)\"");
  private static final Pattern CALLED_ELEMENT =
      Pattern.compile("\\bcalledElement=\"([^\"$#{}]+)\"");

  private final ProcessEngine processEngine;
  private final RepositoryService repository;
  private final ModelFiles files;

  DeployedModels(ProcessEngine processEngine, ModelFiles files) {
    this.processEngine = processEngine;
    this.repository = processEngine.getRepositoryService();
    this.files = files;
  }

  /** The latest version of every model, processes first, each type by key. */
  List<Version> latest() {
    List<Version> latest = new ArrayList<>();
    for (Type type : Type.values()) {
      definitions(type, null).stream()
          .collect(Collectors.toMap(
              ResourceDefinition::getKey,
              Function.identity(),
              (a, b) -> a.getVersion() >= b.getVersion() ? a : b,
              LinkedHashMap::new))
          .values()
          .stream()
          .sorted(Comparator.comparing(ResourceDefinition::getKey))
          .map(definition -> version(type, definition, Map.of()))
          .forEach(latest::add);
    }
    return latest;
  }

  /** Every version of one model, newest first, with who deployed it. */
  List<Version> versions(Type type, String key) {
    List<? extends ResourceDefinition> definitions = definitions(type, key);
    Map<String, String> deployers =
        deployers(definitions.stream().map(ResourceDefinition::getDeploymentId).toList());
    return definitions.stream()
        .sorted(Comparator.comparingInt(ResourceDefinition::getVersion).reversed())
        .map(definition -> version(type, definition, deployers))
        .toList();
  }

  Optional<Version> version(Type type, String key, int version) {
    return versions(type, key).stream().filter(v -> v.version() == version).findFirst();
  }

  Optional<Version> latest(Type type, String key) {
    return versions(type, key).stream().findFirst();
  }

  byte[] content(Version version) {
    return resource(version.deploymentId(), version.resourceName())
        .orElseThrow(() -> new IllegalStateException(
            "deployment " + version.deploymentId() + " has no " + version.resourceName()));
  }

  Optional<byte[]> resource(String deploymentId, String resourceName) {
    boolean present = repository.getDeploymentResourceNames(deploymentId).contains(resourceName);
    if (!present) {
      return Optional.empty();
    }
    try (InputStream in = repository.getResourceAsStream(deploymentId, resourceName)) {
      return Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The files one deployment of a diagram needs: the diagram, every form it names (camunda:formRef),
   * every decision table its business rule tasks call (camunda:decisionRef), and every process its
   * call activities call (calledElement) whose file is in the model folders, with that process's
   * own forms, tables and calls. A form or table is taken from {@code sourceDeploymentId} when that
   * deployment has it (restoring an old version restores its forms too), otherwise from the latest
   * deployed version; a called process from {@code sourceDeploymentId} when it has it, otherwise
   * from its file (files are the source of truth). Resource names stay as deployed.
   */
  Map<String, byte[]> withReferences(
      String resourceName, byte[] diagram, String sourceDeploymentId) {
    Map<String, byte[]> resources = new LinkedHashMap<>();
    resources.put(resourceName, diagram);
    if (!resourceName.endsWith(".bpmn")) {
      return resources;
    }
    Deque<byte[]> diagrams = new ArrayDeque<>(List.of(diagram));
    while (!diagrams.isEmpty()) {
      String xml = new String(diagrams.pop(), StandardCharsets.UTF_8);
      addReferenced(resources, Type.form, refs(FORM_REF, xml), sourceDeploymentId);
      addReferenced(resources, Type.dmn, refs(DECISION_REF, xml), sourceDeploymentId);
      for (String key : refs(CALLED_ELEMENT, xml)) {
        calledProcess(key, sourceDeploymentId).ifPresent(called -> {
          if (resources.putIfAbsent(called.getKey(), called.getValue()) == null) {
            diagrams.push(called.getValue());
          }
        });
      }
    }
    return resources;
  }

  /** The latest deployed version's resource name of a called process, with its content; empty when not in the folders. */
  private Optional<Map.Entry<String, byte[]>> calledProcess(String key, String sourceDeploymentId) {
    Optional<? extends ResourceDefinition> latest = definitions(Type.bpmn, key).stream()
        .max(Comparator.comparingInt(ResourceDefinition::getVersion));
    if (latest.isEmpty()) {
      return Optional.empty(); // the check names the call of a process that is deployed nowhere
    }
    String name = latest.get().getResourceName();
    Optional<byte[]> content = Optional.ofNullable(sourceDeploymentId)
        .flatMap(id -> resource(id, name))
        .or(() -> files.read(name));
    return content.map(bytes -> Map.entry(name, bytes));
  }

  private void addReferenced(
      Map<String, byte[]> resources, Type type, List<String> keys, String sourceDeploymentId) {
    for (String key : keys) {
      Optional<? extends ResourceDefinition> fromSource = sourceDeploymentId == null
          ? Optional.empty()
          : definitions(type, key).stream()
              .filter(d -> d.getDeploymentId().equals(sourceDeploymentId))
              .findFirst();
      ResourceDefinition definition = fromSource.isPresent()
          ? fromSource.get()
          : definitions(type, key).stream()
              .max(Comparator.comparingInt(ResourceDefinition::getVersion))
              .orElse(null);
      if (definition == null) {
        continue; // the check names the missing form or decision on the element that uses it
      }
      resources.computeIfAbsent(
          definition.getResourceName(),
          name -> resource(definition.getDeploymentId(), name).orElseThrow());
    }
  }

  private static List<String> refs(Pattern pattern, String xml) {
    List<String> refs = new ArrayList<>();
    Matcher matcher = pattern.matcher(xml);
    while (matcher.find()) {
      if (!refs.contains(matcher.group(1))) {
        refs.add(matcher.group(1));
      }
    }
    return refs;
  }

  private List<? extends ResourceDefinition> definitions(Type type, String key) {
    return switch (type) {
      case bpmn ->
        key == null
            ? repository.createProcessDefinitionQuery().list()
            : repository
                .createProcessDefinitionQuery()
                .processDefinitionKey(key)
                .list();
      case dmn ->
        key == null
            ? repository.createDecisionDefinitionQuery().list()
            : repository
                .createDecisionDefinitionQuery()
                .decisionDefinitionKey(key)
                .list();
      case form ->
        forms().stream()
            .filter(form -> key == null || form.getKey().equals(key))
            .toList();
    };
  }

  /** Camunda 7 has no public query for form definitions: the engine's own mapped statement reads them. */
  @SuppressWarnings("unchecked")
  private List<CamundaFormDefinition> forms() {
    return ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute(context -> (List<CamundaFormDefinition>)
            (List<?>) context.getDbEntityManager().selectList("selectAllCamundaFormDefinitions"));
  }

  private Version version(Type type, ResourceDefinition definition, Map<String, String> deployers) {
    Deployment deployment = repository
        .createDeploymentQuery()
        .deploymentId(definition.getDeploymentId())
        .singleResult();
    // a Camunda Form has no name (the engine throws when asked): its id is what process owners know
    String name = type == Type.form ? definition.getKey() : definition.getName();
    return new Version(
        type,
        definition.getKey(),
        name,
        definition.getVersion(),
        definition.getId(),
        definition.getDeploymentId(),
        definition.getResourceName(),
        deployment.getName(),
        deployment.getSource(),
        deployment.getDeploymentTime(),
        deployers.get(definition.getDeploymentId()));
  }

  /** Who made each deployment: the user operation log names the logged-in user of every deployment. */
  private Map<String, String> deployers(List<String> deploymentIds) {
    Map<String, String> deployers = new LinkedHashMap<>();
    for (String deploymentId : deploymentIds) {
      processEngine
          .getHistoryService()
          .createUserOperationLogQuery()
          .deploymentId(deploymentId)
          .entityType(org.camunda.bpm.engine.EntityTypes.DEPLOYMENT)
          .operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE)
          .listPage(0, 1)
          .stream()
          .findFirst()
          .ifPresent(entry -> deployers.put(deploymentId, entry.getUserId()));
    }
    return deployers;
  }
}
