package org.peerflow.modeler;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a set of models exactly as a deployment would, without deploying: a real deployment runs
 * inside a transaction of its own that is always rolled back. So every pre-deployer the engine is
 * configured with (model validator, compliance guard, any added later), the engine's own parsers
 * and the post-deployers all give their verdict, and a new check joins without a change here.
 * What the dry run leaves behind is only in memory: the engine's definition cache keeps the
 * rolled-back definitions under ids that no query returns (an LRU cache, evicted in time).
 */
@Component
class DeploymentDryRun {

  static final String SOURCE = "peerflow-modeler-check";
  private static final Pattern RULE_PREFIX =
      Pattern.compile("^([a-z][a-z-]*[a-z]): (.*)$", Pattern.DOTALL);
  private static final Pattern ELEMENT_ID = Pattern.compile("\\bid=\"([^\"]+)\"");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private final ProcessEngine processEngine;
  private final TransactionTemplate rolledBack;

  DeploymentDryRun(ProcessEngine processEngine, PlatformTransactionManager transactionManager) {
    this.processEngine = processEngine;
    this.rolledBack = new TransactionTemplate(transactionManager);
    this.rolledBack.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * @param resources resource name to content, as they would be deployed together
   * @param userId the user the deployment would be made as: his authorizations apply
   * @return what the checks refused; empty when the deployment would be accepted
   */
  List<Finding> check(
      String name, Map<String, byte[]> resources, String userId, List<String> groupIds) {
    try {
      rolledBack.executeWithoutResult(status -> {
        status.setRollbackOnly();
        asUser(userId, groupIds, () -> builder(name, SOURCE, resources).deploy());
      });
      return List.of();
    } catch (ProcessEngineException refused) {
      return findings(refused, resources);
    }
  }

  DeploymentBuilder builder(String name, String source, Map<String, byte[]> resources) {
    DeploymentBuilder builder =
        processEngine.getRepositoryService().createDeployment().name(name).source(source);
    resources.forEach(
        (resource, bytes) -> builder.addInputStream(resource, new ByteArrayInputStream(bytes)));
    return builder;
  }

  /** Runs an engine call as the user, so that his authorizations apply and the operation log names him. */
  <T> T asUser(String userId, List<String> groupIds, java.util.function.Supplier<T> call) {
    processEngine.getIdentityService().setAuthentication(userId, groupIds);
    try {
      return call.get();
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  void asUser(String userId, List<String> groupIds, Runnable call) {
    asUser(userId, groupIds, () -> {
      call.run();
      return null;
    });
  }

  /** One finding per sentence of a refusal, placed on the element the sentence names. */
  static List<Finding> findings(ProcessEngineException refused, Map<String, byte[]> resources) {
    List<Finding> findings = new ArrayList<>();
    // (sic: Camunda 7 spells the getter getResorceReports)
    if (refused instanceof ParseException parse && !parse.getResorceReports().isEmpty()) {
      for (ResourceReport report : parse.getResorceReports()) {
        Set<String> ids = elementIds(resources.get(report.getResourceName()));
        for (Problem problem : report.getErrors()) {
          for (String sentence : problem.getMessage().split("\\n")) {
            if (!sentence.isBlank()) {
              findings.add(finding(
                  report.getResourceName(),
                  problem.getMainElementId(),
                  sentence.strip(),
                  ids,
                  refused instanceof org.peerflow.deployment.ModelRefusedException
                      ? "model"
                      : "engine"));
            }
          }
        }
      }
    }
    if (findings.isEmpty()) {
      findings.add(new Finding(null, null, "engine", refused.getMessage()));
    }
    return findings;
  }

  private static Finding finding(
      String resource, String mainElementId, String sentence, Set<String> ids, String defaultRule) {
    String rule = defaultRule;
    Matcher prefixed = RULE_PREFIX.matcher(sentence);
    if (prefixed.matches()) {
      rule = prefixed.group(1);
      sentence = prefixed.group(2);
    }
    String elementId = mainElementId;
    if (elementId == null) {
      // the sentences name the element first ("Task_X (\"name\") is reachable ..."): the first
      // word that is an id of the model is the element the sentence is about
      Matcher token = TOKEN.matcher(sentence);
      while (elementId == null && token.find()) {
        if (ids.contains(token.group())) {
          elementId = token.group();
        }
      }
    }
    return new Finding(resource, elementId, rule, sentence);
  }

  private static Set<String> elementIds(byte[] content) {
    Set<String> ids = new LinkedHashSet<>();
    if (content != null) {
      Matcher id = ELEMENT_ID.matcher(new String(content, StandardCharsets.UTF_8));
      while (id.find()) {
        ids.add(id.group(1));
      }
    }
    return ids;
  }
}
