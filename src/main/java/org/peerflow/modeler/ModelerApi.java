package org.peerflow.modeler;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import jakarta.servlet.http.HttpServletRequest;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.peerflow.modeler.DeployedModels.Type;
import org.peerflow.modeler.DeployedModels.Version;
import org.peerflow.modeler.ModelerAccess.ModelerUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The web modeler's API: list models and versions, read a version, diff it against the one before,
 * check an edited model without deploying, deploy it with its forms and decision tables, restore
 * an old version. Every call needs a modeler user and the modeler's header ({@link ModelerAccess}).
 * Which file a model is deployed as always comes from the engine (the latest version's resource
 * name), never from the request.
 */
@RestController
@RequestMapping("/modeler/api")
class ModelerApi {

  static final String SOURCE = "peerflow-modeler";
  private static final Logger LOG = LoggerFactory.getLogger(ModelerApi.class);
  private static final int MAX_MODEL_BYTES = 5 * 1024 * 1024;

  private final ModelerAccess access;
  private final DeployedModels models;
  private final DeploymentDryRun dryRun;
  private final ModelFiles files;

  ModelerApi(
      ModelerAccess access, DeployedModels models, DeploymentDryRun dryRun, ModelFiles files) {
    this.access = access;
    this.models = models;
    this.dryRun = dryRun;
    this.files = files;
  }

  @GetMapping("/models")
  List<Version> models(HttpServletRequest request) {
    access.requireForApi(request);
    return models.latest();
  }

  @GetMapping("/models/{type}/{key}/versions")
  List<Version> versions(
      @PathVariable Type type, @PathVariable String key, HttpServletRequest request) {
    access.requireForApi(request);
    return models.versions(type, key);
  }

  @GetMapping(
      value = "/models/{type}/{key}/versions/{version}/content",
      produces = MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8")
  String content(
      @PathVariable Type type,
      @PathVariable String key,
      @PathVariable int version,
      HttpServletRequest request) {
    access.requireForApi(request);
    return new String(models.content(found(type, key, version)), StandardCharsets.UTF_8);
  }

  /** A unified line diff of this version against the version before it (empty for version 1). */
  @GetMapping(
      value = "/models/{type}/{key}/versions/{version}/diff",
      produces = MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8")
  String diff(
      @PathVariable Type type,
      @PathVariable String key,
      @PathVariable int version,
      HttpServletRequest request) {
    access.requireForApi(request);
    Version current = found(type, key, version);
    List<Version> older =
        models.versions(type, key).stream().filter(v -> v.version() < version).toList();
    List<String> before = older.isEmpty() ? List.of() : lines(models.content(older.get(0)));
    List<String> after = lines(models.content(current));
    String previousName =
        older.isEmpty() ? "(nothing)" : "version " + older.get(0).version();
    return String.join(
            "\n",
            UnifiedDiffUtils.generateUnifiedDiff(
                previousName, "version " + version, before, DiffUtils.diff(before, after), 3))
        + "\n";
  }

  /** Runs every check a deployment runs, and deploys nothing. */
  @PostMapping(value = "/models/{type}/{key}/check", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> check(
      @PathVariable Type type,
      @PathVariable String key,
      @RequestBody byte[] content,
      HttpServletRequest request) {
    ModelerUser user = access.requireForApi(request);
    Version latest = latest(type, key);
    Map<String, byte[]> resources =
        models.withReferences(latest.resourceName(), limited(content), null);
    List<Finding> findings = dryRun.check(key, resources, user.id(), user.groupIds());
    return Map.of("findings", findings, "resources", resources.keySet());
  }

  @PostMapping(value = "/models/{type}/{key}/deploy", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> deploy(
      @PathVariable Type type,
      @PathVariable String key,
      @RequestBody byte[] content,
      HttpServletRequest request) {
    ModelerUser user = access.requireForApi(request);
    Version latest = latest(type, key);
    return deploy(
        type, key, models.withReferences(latest.resourceName(), limited(content), null), user);
  }

  /** A new deployment of an old version's files (the model and the forms and tables of its deployment). */
  @PostMapping(
      value = "/models/{type}/{key}/versions/{version}/restore",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> restore(
      @PathVariable Type type,
      @PathVariable String key,
      @PathVariable int version,
      HttpServletRequest request) {
    ModelerUser user = access.requireForApi(request);
    Version old = found(type, key, version);
    return deploy(
        type,
        key,
        models.withReferences(old.resourceName(), models.content(old), old.deploymentId()),
        user);
  }

  private ResponseEntity<Map<String, Object>> deploy(
      Type type, String key, Map<String, byte[]> resources, ModelerUser user) {
    try {
      DeploymentWithDefinitions deployment = dryRun.asUser(
          user.id(),
          user.groupIds(),
          () -> dryRun.builder(key, SOURCE, resources).deployWithResult());
      Version deployed = latest(type, key);
      LOG.info(
          "PEERFLOW-MOD-001 {} deployed {} version {} from the web modeler as deployment {} ({})",
          user.id(),
          key,
          deployed.version(),
          deployment.getId(),
          resources.keySet());
      Map<String, Object> answer = new LinkedHashMap<>(
          Map.of("version", deployed, "resources", resources.keySet(), "findings", List.of()));
      // after the engine accepted the models: a refused deployment leaves the files as they were
      try {
        answer.put("files", files.write(resources).stream().map(Path::toString).toList());
      } catch (UncheckedIOException notWritten) {
        LOG.warn(
            "PEERFLOW-MOD-004 {} is deployed but its files are not: {}",
            key,
            notWritten.getMessage());
        answer.put("fileError", notWritten.getMessage());
      }
      return ResponseEntity.ok(answer);
    } catch (ProcessEngineException refused) {
      LOG.info(
          "PEERFLOW-MOD-002 {} tried to deploy {} from the web modeler; refused: {}",
          user.id(),
          key,
          refused.getMessage());
      return ResponseEntity.unprocessableEntity()
          .body(Map.of(
              "findings",
              DeploymentDryRun.findings(refused, resources),
              "resources",
              resources.keySet()));
    }
  }

  private Version latest(Type type, String key) {
    return models
        .latest(type, key)
        .orElseThrow(() -> new ResponseStatusException(
            HttpStatus.NOT_FOUND,
            "No deployed " + type + " with key " + key
                + "; the web modeler edits deployed models"));
  }

  private Version found(Type type, String key, int version) {
    return models
        .version(type, key, version)
        .orElseThrow(() -> new ResponseStatusException(
            HttpStatus.NOT_FOUND, "No version " + version + " of " + type + " " + key));
  }

  private static byte[] limited(byte[] content) {
    if (content == null || content.length == 0) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request carries no model");
    }
    if (content.length > MAX_MODEL_BYTES) {
      throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "A model is at most 5 MB");
    }
    return content;
  }

  private static List<String> lines(byte[] content) {
    return Arrays.asList(new String(content, StandardCharsets.UTF_8).split("\\R", -1));
  }
}
