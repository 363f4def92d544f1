package org.peerflow.compliance;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.peerflow.deployment.ModelRefusedException;

/**
 * Refuses a deployment that would let Peerflow break the law it exists to follow (README, "The
 * compliance guard"): ban-the-box ordering, no criminal
 * history in forms before the offer, confidential steps routed to hr alone, nothing punitive after
 * a refusal of treatment. It runs inside the engine before anything of the deployment is stored,
 * so every channel — start-up, hot redeploy, Desktop Modeler, curl — gets the same verdict and the
 * running version stays in service.
 */
class ComplianceGuard implements Deployer {

  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  static final String CONFIDENTIAL_GROUP = "hr";
  /** A step that files a court petition (rule no-forced-petition), by its id, name or form fields. */
  private static final java.util.regex.Pattern PETITION = java.util.regex.Pattern.compile("(?i)petition");

  private final ComplianceProperties properties;

  ComplianceGuard(ComplianceProperties properties) {
    this.properties = properties;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    Map<String, FormContent> forms = new HashMap<>();
    Map<String, BpmnModelInstance> diagrams = new HashMap<>();
    Map<String, String> diagramResource = new HashMap<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      String name = resource.getName();
      if (name.endsWith(".form")) {
        FormContent.parse(name, resource.getBytes()).ifPresent(form -> formId(resource.getBytes())
            .ifPresent(id -> forms.put(id, form)));
      } else if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
        try {
          BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
          for (Process process : model.getModelElementsByType(Process.class)) {
            diagrams.put(process.getId(), model);
            diagramResource.put(process.getId(), name);
          }
        } catch (RuntimeException e) {
          // not a readable diagram: the model checks refuse it with the parser's message
        }
      }
    }
    for (Map.Entry<String, BpmnModelInstance> entry : diagrams.entrySet()) {
      Process process = entry.getValue().getModelElementById(entry.getKey());
      List<String> violations = new ArrayList<>();
      Rules rules = new Rules(process, forms, diagrams, violations);
      if (properties.banTheBoxProcesses().contains(process.getId())) {
        rules.banTheBox();
      }
      rules.confidentiality();
      rules.noForcedPetition();
      if (properties.refusalProcesses().contains(process.getId())) {
        rules.noPunishmentForRefusal();
      }
      if (!violations.isEmpty()) {
        throw new ModelRefusedException(diagramResource.get(process.getId()), String.join("\n  ", violations));
      }
    }
  }

  private static Optional<String> formId(byte[] bytes) {
    try {
      return Optional.ofNullable(new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes).path("id").asText(null));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** The four rules for one process; each violation is one sentence naming rule, step and path. */
  private static final class Rules {
    private final Process process;
    private final Map<String, FormContent> forms;
    private final Map<String, BpmnModelInstance> diagrams;
    private final List<String> violations;
    private final FlowGraph graph;

    Rules(Process process, Map<String, FormContent> forms, Map<String, BpmnModelInstance> diagrams, List<String> violations) {
      this.process = process;
      this.forms = forms;
      this.diagrams = diagrams;
      this.violations = violations;
      this.graph = new FlowGraph(process);
    }

    // --- rule 1 and 2: ban-the-box ---------------------------------------------------------

    void banTheBox() {
      List<FlowNode> offers = process.getModelInstance().getModelElementsByType(FlowNode.class).stream()
          .filter(node -> Classification.isMilestone(node, Classification.CONDITIONAL_OFFER)).toList();
      if (offers.isEmpty()) {
        violations.add("ban-the-box: " + process.getId() + " has no step marked as the conditional offer "
            + "(extension property peerflow.milestone = conditional-offer)");
        return;
      }
      Map<FlowNode, FlowNode> beforeOffer = graph.reach(graph.roots(), offers::contains);
      for (FlowNode node : beforeOffer.keySet()) {
        if (offers.contains(node)) {
          continue;
        }
        criminalHistoryIn(node).ifPresent(why -> violations.add("ban-the-box: " + describe(node) + " is reachable"
            + FlowGraph.via(beforeOffer, node) + " without passing the conditional offer (" + why + ")"));
        medicalIn(node).ifPresent(why -> violations.add("pre-offer-medical: " + describe(node) + " is reachable"
            + FlowGraph.via(beforeOffer, node) + " before the conditional offer and handles medical data (" + why
            + "); a disability inquiry or a client-record lookup is unlawful before an offer (42 USC 12112(d)(2); HIPAA "
            + "45 CFR 164.508): move it after the offer, into a process only hr may read"));
        formOf(node).flatMap(form -> form.find(Vocabulary.CRIMINAL_HISTORY, false)).ifPresent(hit ->
            violations.add("pre-offer-form: " + formOf(node).orElseThrow().resourceName() + " "
                + hit.component().describe() + " speaks of " + Vocabulary.CRIMINAL_HISTORY.description()
                + " (\"" + hit.word() + "\") and is shown by " + describe(node) + ", reachable"
                + FlowGraph.via(beforeOffer, node) + " before the conditional offer"));
      }
    }

    /** @return why the step asks for, obtains or assesses criminal history, if it does */
    private Optional<String> criminalHistoryIn(FlowNode node) {
      Optional<Set<String>> declared = Classification.data(node);
      if (declared.isPresent()) {
        Set<String> data = declared.get();
        return data.contains(Classification.CRIMINAL_HISTORY) || data.contains(Classification.BACKGROUND_CHECK)
            ? Optional.of("classified peerflow.data = " + String.join(",", data)) : Optional.empty();
      }
      Optional<String> word = Vocabulary.CRIMINAL_HISTORY.find(ownText(node));
      if (word.isPresent()) {
        return Optional.of("unclassified, but it speaks of \"" + word.get() + "\"");
      }
      Optional<String> field = formOf(node).flatMap(form -> form.find(Vocabulary.CRIMINAL_HISTORY, true))
          .map(hit -> "unclassified, but its form field " + hit.component().describe() + " asks for it");
      if (field.isPresent()) {
        return field;
      }
      return calledProcess(node).filter(called -> handlesCriminalHistory(called))
          .map(called -> "it calls " + called.getId() + ", which handles criminal history");
    }

    /**
     * @return why the step handles medical data (a diagnosis, whether the applicant was a client),
     *     if it does. Called processes are not followed: an applicant's own accommodation request
     *     may start accommodation-request before the offer (EEOC Guidance Q1-Q4)
     */
    private Optional<String> medicalIn(FlowNode node) {
      Optional<Set<String>> declared = Classification.data(node);
      if (declared.isPresent()) {
        return declared.get().contains(Classification.MEDICAL)
            ? Optional.of("classified peerflow.data = " + String.join(",", declared.get())) : Optional.empty();
      }
      Optional<String> word = Vocabulary.MEDICAL.find(ownText(node));
      if (word.isPresent()) {
        return Optional.of("unclassified, but it speaks of \"" + word.get() + "\"");
      }
      return formOf(node).flatMap(form -> form.findAsked(Vocabulary.MEDICAL))
          .map(hit -> "unclassified, but its form field " + hit.component().describe() + " asks about \"" + hit.word() + "\"");
    }

    private boolean handlesCriminalHistory(Process called) {
      return called.getModelInstance().getModelElementsByType(FlowNode.class).stream()
          .anyMatch(node -> Classification.data(node).map(data -> data.contains(Classification.CRIMINAL_HISTORY)
              || data.contains(Classification.BACKGROUND_CHECK)).orElse(false));
    }

    // --- rule 3: confidentiality routing ---------------------------------------------------

    void confidentiality() {
      Set<String> readers = Classification.groups(Classification.property(process, Classification.READERS).orElse(null));
      boolean clinical = Classification.property(process, Classification.RECORD).map(Classification.CLINICAL::equals).orElse(false);
      for (UserTask task : process.getModelInstance().getModelElementsByType(UserTask.class)) {
        Set<String> candidates = Classification.groups(task.getCamundaCandidateGroups());
        if (clinical) {
          if (candidates.contains(CONFIDENTIAL_GROUP) || readers.contains(CONFIDENTIAL_GROUP)) {
            violations.add("confidentiality: " + describe(task) + " belongs to the clinical record of " + process.getId()
                + ", which hr must never read; remove hr from its candidate groups and from peerflow.readers");
          }
          continue;
        }
        Optional<String> confidential = confidentialDataIn(task);
        if (confidential.isEmpty()) {
          continue;
        }
        if (!candidates.equals(Set.of(CONFIDENTIAL_GROUP)) || task.getCamundaCandidateUsers() != null
            || task.getCamundaAssignee() != null) {
          violations.add("confidentiality: " + describe(task) + " handles " + confidential.get()
              + " but is routed to " + routing(task) + "; route it to the candidate group hr alone");
        }
        if (!readers.isEmpty() && !Set.of(CONFIDENTIAL_GROUP).containsAll(readers)) {
          violations.add("confidentiality: " + describe(task) + " handles " + confidential.get() + " but "
              + process.getId() + " may be read by " + String.join(", ", readers.stream().sorted().toList())
              + " (peerflow.readers); move the step into a process only hr may read, called by a call activity");
        }
        if (task.getName() != null && (task.getName().contains("${") || task.getName().contains("#{"))) {
          violations.add("confidentiality: " + describe(task) + " handles " + confidential.get()
              + " and has an expression in its name, which task e-mails carry; give it a fixed name");
        }
      }
      for (CallActivity call : process.getModelInstance().getModelElementsByType(CallActivity.class)) {
        boolean confidentialCall = calledProcess(call).map(called -> handlesConfidentialData(called)).orElse(false)
            || Classification.data(call).map(data -> data.contains(Classification.CRIMINAL_HISTORY)
                || data.contains(Classification.MEDICAL)).orElse(false);
        boolean passesAll = call.getExtensionElements() != null && call.getExtensionElements().getElementsQuery()
            .filterByType(CamundaOut.class).list().stream().anyMatch(out -> "all".equals(out.getCamundaVariables()));
        if (confidentialCall && passesAll) {
          violations.add("confidentiality: " + describe(call) + " returns all variables of a confidential process "
              + "to " + process.getId() + "; return only the outcome (camunda:out per variable)");
        }
      }
    }

    private Optional<String> confidentialDataIn(UserTask task) {
      Optional<Set<String>> declared = Classification.data(task);
      if (declared.isPresent()) {
        Set<String> data = declared.get();
        if (data.contains(Classification.CRIMINAL_HISTORY)) {
          return Optional.of(Vocabulary.CRIMINAL_HISTORY.description());
        }
        if (data.contains(Classification.MEDICAL)) {
          return Optional.of(Vocabulary.MEDICAL.description());
        }
      }
      if (declared.isPresent()) {
        return Optional.empty(); // a deliberate classification (e.g. none: position policy, no one's data) wins
      }
      for (Vocabulary vocabulary : Vocabulary.values()) {
        Optional<FormContent.Hit> hit = formOf(task).flatMap(form -> form.find(vocabulary, false));
        if (hit.isPresent()) {
          return Optional.of(vocabulary.description() + " (unclassified, but its form " + formOf(task).orElseThrow().resourceName()
              + " shows " + hit.get().component().describe() + ", which speaks of \"" + hit.get().word() + "\")");
        }
        Optional<String> word = vocabulary.find(ownText(task));
        if (word.isPresent()) {
          return Optional.of(vocabulary.description() + " (unclassified, but its name speaks of \"" + word.get() + "\")");
        }
      }
      return Optional.empty();
    }

    private boolean handlesConfidentialData(Process called) {
      return called.getModelInstance().getModelElementsByType(FlowNode.class).stream()
          .anyMatch(node -> Classification.data(node).map(data -> data.contains(Classification.CRIMINAL_HISTORY)
              || data.contains(Classification.MEDICAL)).orElse(false));
    }

    // --- rule 5: no forced petition ---------------------------------------------------------

    /**
     * In a clinical record, a step that files a court petition must leave a way not to file: a
     * path from it to an end that passes no other task. After a client objects, or without
     * capacity, the team may always decide not to seek court authority and not to treat (104 CMR
     * 28.03: no coercion; Rogers v. Commissioner of DMH; Cohen v. Bolduc, 435 Mass. 608).
     */
    void noForcedPetition() {
      if (!Classification.property(process, Classification.RECORD).map(Classification.CLINICAL::equals).orElse(false)) {
        return;
      }
      for (UserTask task : process.getModelInstance().getModelElementsByType(UserTask.class)) {
        boolean petition = PETITION.matcher(ownText(task)).find()
            || formOf(task).flatMap(form -> form.components().stream().filter(FormContent.Component::field)
                .filter(component -> PETITION.matcher(component.asked()).find()).findFirst()).isPresent();
        if (petition && !endsWithoutAnotherTask(task)) {
          violations.add("no-forced-petition: " + describe(task) + " files a court petition, and every path from it "
              + "leads to further court steps; give it a way not to petition that ends the path (e.g. \"not pursuing\": "
              + "the treatment is not given)");
        }
      }
    }

    /** @return whether an end event can be reached from the step through gateways and events only */
    private static boolean endsWithoutAnotherTask(FlowNode from) {
      java.util.Deque<FlowNode> open = new java.util.ArrayDeque<>(from.getSucceedingNodes().list());
      java.util.Set<FlowNode> seen = new java.util.HashSet<>();
      while (!open.isEmpty()) {
        FlowNode node = open.pop();
        if (!seen.add(node) || node instanceof Activity) {
          continue;
        }
        if (node instanceof EndEvent) {
          return true;
        }
        open.addAll(node.getSucceedingNodes().list());
      }
      return false;
    }

    // --- rule 4: no punishment for refusal -------------------------------------------------

    void noPunishmentForRefusal() {
      List<FlowNode> refusals = process.getModelInstance().getModelElementsByType(FlowNode.class).stream()
          .filter(node -> Classification.isMilestone(node, Classification.REFUSAL)).toList();
      if (refusals.isEmpty()) {
        violations.add("no-punishment: " + process.getId() + " has no step marked as the refusal "
            + "(extension property peerflow.milestone = refusal)");
        return;
      }
      Map<FlowNode, FlowNode> afterRefusal = graph.reach(refusals, node -> false);
      for (FlowNode node : afterRefusal.keySet()) {
        boolean acts = node instanceof Activity || node instanceof IntermediateThrowEvent
            || (node instanceof EndEvent && !node.getChildElementsByType(
                org.camunda.bpm.model.bpmn.instance.EventDefinition.class).isEmpty());
        if (acts && !Classification.isNeutral(node) && !refusals.contains(node)) {
          violations.add("no-punishment: " + describe(node) + " follows the refusal"
              + FlowGraph.via(afterRefusal, node) + " and is not marked neutral (peerflow.neutral = true)");
        }
      }
    }

    // --- helpers ---------------------------------------------------------------------------

    private Optional<FormContent> formOf(FlowNode node) {
      if (!(node instanceof UserTask) && !(node instanceof StartEvent)) {
        return Optional.empty();
      }
      return Optional.ofNullable(node.getAttributeValueNs(CAMUNDA_NS, "formRef")).map(forms::get);
    }

    private Optional<Process> calledProcess(FlowNode node) {
      if (!(node instanceof CallActivity call) || call.getCalledElement() == null) {
        return Optional.empty();
      }
      BpmnModelInstance model = diagrams.get(call.getCalledElement());
      return model == null ? Optional.empty() : Optional.ofNullable(model.getModelElementById(call.getCalledElement()));
    }

    private static String ownText(FlowNode node) {
      StringBuilder text = new StringBuilder(node.getId()).append(' ').append(node.getName() == null ? "" : node.getName());
      for (String attribute : List.of("expression", "delegateExpression", "class", "decisionRef", "resultVariable", "calledElement", "topic")) {
        String value = node.getAttributeValueNs(CAMUNDA_NS, attribute);
        if (value != null) {
          text.append(' ').append(value);
        }
      }
      if (node instanceof CallActivity call && call.getExtensionElements() != null) {
        call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list()
            .forEach(in -> text.append(' ').append(in.getCamundaSource()).append(' ').append(in.getCamundaTarget()));
      }
      return text.toString();
    }

    private static String routing(UserTask task) {
      List<String> routes = new ArrayList<>();
      if (task.getCamundaCandidateGroups() != null) {
        routes.add("groups " + task.getCamundaCandidateGroups());
      }
      if (task.getCamundaCandidateUsers() != null) {
        routes.add("users " + task.getCamundaCandidateUsers());
      }
      if (task.getCamundaAssignee() != null) {
        routes.add("assignee " + task.getCamundaAssignee());
      }
      return routes.isEmpty() ? "nobody in particular (every user who may read tasks)" : String.join(", ", routes);
    }

    static String describe(BaseElement element) {
      String name = element.getAttributeValue("name");
      return element.getId() + (name == null ? "" : " (\"" + name.replaceAll("\\s+", " ") + "\")");
    }
  }
}
