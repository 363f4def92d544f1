package org.peerflow.sandbox;

import java.io.ByteArrayInputStream;
import java.util.Comparator;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.impl.bpmn.deployer.BpmnDeployer;
import org.camunda.bpm.engine.impl.cmmn.deployer.CmmnDeployer;
import org.camunda.bpm.engine.impl.dmn.deployer.DecisionDefinitionDeployer;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.peerflow.deployment.ModelRefusedException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * In Camunda 7 a deployment is code: its expressions, listeners, scripts and delegates run inside
 * the engine with no authorization check, as whoever starts or moves the case. So a process owner
 * who may deploy could otherwise make himself a member of {@code hr}, read other cases or Spring's
 * secrets. This pre-deployer refuses, before the engine stores anything and whatever the channel,
 * every model that carries code other than what README "What an expression may use" lists.
 */
class ModelSandbox implements Deployer {

  static final String ADVICE =
      "an expression may use process variables, Peerflow's functions (businessDays, "
          + "sendNotice, consentDates, accommodationClock, now(), dateTime(), currentUser()) and the case's own "
          + "variables and business key through execution/task (see README \"What an expression may use\")";

  private final ExpressionRules rules;

  ModelSandbox(ExpressionRules rules) {
    this.rules = rules;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return; // a definition cache reload of something already accepted
    }
    deployment.getResources().values().stream()
        .sorted(Comparator.comparing(ResourceEntity::getName))
        .forEach(this::check);
  }

  private void check(ResourceEntity resource) {
    String name = resource.getName();
    if (endsWithAny(name, CmmnDeployer.CMMN_RESOURCE_SUFFIXES)) {
      throw refusal(
          name,
          "a CMMN case definition; Peerflow runs BPMN and DMN only, and a case "
              + "definition's listeners and expressions would run unchecked");
    }
    boolean bpmn = endsWithAny(name, BpmnDeployer.BPMN_RESOURCE_SUFFIXES);
    boolean dmn = endsWithAny(name, DecisionDefinitionDeployer.DMN_RESOURCE_SUFFIXES);
    if (!bpmn && !dmn) {
      return; // forms, images: the engine runs none of them
    }
    // what cannot be read cannot be judged: refused (the model checks, which run first, already
    // refuse broken XML with the parser's message; this also covers what only they would accept)
    Element root = parse(resource.getBytes())
        .orElseThrow(() ->
            refusal(name, "cannot be read as plain XML (a DOCTYPE or entity is not allowed)"));
    Optional<String> problem = bpmn
        ? new BpmnSandbox(rules).problem(root)
        : new DmnSandbox(rules, DmnSandbox.Defaults.ofEngine()).problem(root);
    problem.ifPresent(p -> {
      throw refusal(name, p);
    });
  }

  static ModelRefusedException refusal(String resourceName, String problem) {
    return new ModelRefusedException(resourceName, "sandbox: " + problem);
  }

  /** "Task_Grant ("Grant")": the nearest element with an id, as the Modeler shows it. */
  static String describe(Element element) {
    Element labelled = element;
    while (labelled != null && labelled.getAttribute("id").isEmpty()) {
      labelled = labelled.getParentNode() instanceof Element parent ? parent : null;
    }
    if (labelled == null) {
      return element.getLocalName();
    }
    String name = labelled.getAttribute("name");
    return labelled.getAttribute("id")
        + (name.isEmpty() ? "" : " (\"" + name.replaceAll("\\s+", " ") + "\")");
  }

  private static boolean endsWithAny(String name, String[] suffixes) {
    for (String suffix : suffixes) {
      if (name.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Element> parse(byte[] bytes) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // a model is untrusted input: no DOCTYPE, no external entities
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
      return Optional.of(document.getDocumentElement());
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
