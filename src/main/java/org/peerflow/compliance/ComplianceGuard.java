package org.peerflow.compliance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.peerflow.deployment.ModelRefusedException;
import org.peerflow.model.DeploymentDiagrams;

/**
 * Refuses a deployment that would let Peerflow break the law it exists to follow (README, "The
 * compliance guard"), one {@link ComplianceRule} per rule. It runs inside the engine before anything
 * of the deployment is stored, so every channel — start-up, hot redeploy, Desktop Modeler, curl —
 * gets the same verdict and the running version stays in service. A call into a process that is
 * not in the deployment is checked against the deployed version a new instance would call.
 */
class ComplianceGuard implements Deployer {

  private final List<ComplianceRule> rules;
  /** The repository's processes for a deployment's tenant, naming the calling diagram in a refusal. */
  private final BiFunction<String, String, CalledProcesses> deployed;

  /**
   * @param deployed for a tenant id (null: none) and the calling diagram's resource name, where
   *     processes not in the deployment are found
   */
  ComplianceGuard(
      List<ComplianceRule> rules, BiFunction<String, String, CalledProcesses> deployed) {
    this.rules = List.copyOf(rules);
    this.deployed = deployed;
  }

  /** The rules as configured (peerflow.compliance.*), reading called processes from the repository. */
  static ComplianceGuard configured(ComplianceProperties properties) {
    return new ComplianceGuard(
        List.of(
            new BanTheBoxRule(properties.banTheBoxProcesses()),
            new PreOfferMedicalRule(properties.banTheBoxProcesses()),
            new PreOfferFormRule(properties.banTheBoxProcesses()),
            new ConfidentialityRule(),
            new NoForcedPetitionRule(),
            new NoPunishmentRule(properties.refusalProcesses())),
        DeployedProcesses::new);
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    Map<String, FormContent> forms = new HashMap<>();
    Map<String, Process> processes = new LinkedHashMap<>();
    Map<String, String> resourceOf = new HashMap<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      String name = resource.getName();
      if (name.endsWith(".form")) {
        FormContent form = readForm(name, resource.getBytes());
        form.id().ifPresent(id -> forms.put(id, form));
      } else if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
        for (Process process : readDiagram(resource).getModelElementsByType(Process.class)) {
          processes.put(process.getId(), process);
          resourceOf.put(process.getId(), name);
        }
      }
    }
    for (Process process : processes.values()) {
      String resource = resourceOf.get(process.getId());
      CalledProcesses inDeployment = key -> Optional.ofNullable(processes.get(key));
      CalledProcesses called =
          remembered(inDeployment.orElse(deployed.apply(deployment.getTenantId(), resource)));
      List<String> violations = violations(new CheckedProcess(process, forms, called));
      if (!violations.isEmpty()) {
        throw new ModelRefusedException(resource, String.join("\n  ", violations));
      }
    }
  }

  /** @return every rule's violations, in the order of the rules */
  List<String> violations(CheckedProcess process) {
    List<String> violations = new ArrayList<>();
    for (ComplianceRule rule : rules) {
      violations.addAll(rule.violations(process));
    }
    return violations;
  }

  /**
   * A model the guard cannot read is refused here rather than passed unchecked. The model checks
   * (org.peerflow.deployment), which run first, refuse it too with the parser's full report.
   */
  private static BpmnModelInstance readDiagram(ResourceEntity resource) {
    try {
      return DeploymentDiagrams.of(resource);
    } catch (RuntimeException e) {
      throw unreadable(resource.getName(), "diagram", e.getMessage());
    }
  }

  private static FormContent readForm(String name, byte[] bytes) {
    try {
      return FormContent.parse(name, bytes);
    } catch (IOException e) {
      throw unreadable(name, "form", e.getMessage());
    }
  }

  private static ModelRefusedException unreadable(String name, String kind, String why) {
    return new ModelRefusedException(
        name,
        "compliance: the " + kind + " cannot be read, so the compliance rules "
            + "cannot be checked (" + why + "); open and save it in Camunda Desktop Modeler");
  }

  /** Each called process is read once per deployment, however many rules and steps ask for it. */
  private static CalledProcesses remembered(CalledProcesses lookup) {
    Map<String, Optional<Process>> seen = new HashMap<>();
    return key -> {
      Optional<Process> known = seen.get(key);
      if (known == null) {
        known = lookup.byKey(key);
        seen.put(key, known);
      }
      return known;
    };
  }
}
