package org.peerflow.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.peerflow.calendar.BusinessDays;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * One case's record as a single print-ready HTML page: for each of its instances every step,
 * who did it and when, the values recorded at each step, the decisions with their reasons, the
 * notices with their text, the deadlines met or missed; and the case's legal holds. Read through
 * the engine's history with the caller's own authorizations, so the engine enforces them a second
 * time; every value is HTML-escaped (applicants' and employees' words end up in it).
 */
@Component
class CaseRecordDocument {

  /** Notices' copies, as SendNotice keeps them: noticePreliminary for template notice-preliminary. */
  private static final Pattern NOTICE_COPY = Pattern.compile("notice[A-Z]\\w*");
  /** Decisions and their reasons, as Peerflow's forms name them (selectionDecision, reassessmentReasons, ...). */
  private static final Pattern DECISION =
      Pattern.compile("\\w*(Decision|Reasons|Outcome|decision|reasons|outcome)");

  private final HistoryService historyService;
  private final TimeZone zone;

  CaseRecordDocument(ProcessEngine processEngine, BusinessDays businessDays) {
    this.historyService = processEngine.getHistoryService();
    this.zone = TimeZone.getTimeZone(businessDays.zone());
  }

  String render(
      String businessKey,
      List<HistoricProcessInstance> caseInstances,
      List<CaseRecordLog.Entry> holds,
      String exportedBy) {
    StringBuilder html = new StringBuilder(16_384);
    html.append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Case record ")
        .append(esc(businessKey))
        .append("</title>\n<style>")
        .append(
            "body{font:11pt/1.4 sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}")
        .append("th,td{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top}")
        .append(
            "pre{white-space:pre-wrap;border:1px solid #999;padding:.5em}.missed{font-weight:bold}")
        .append(
            "section{page-break-inside:auto}h2{page-break-before:always}h2:first-of-type{page-break-before:auto}")
        .append("</style></head><body>\n");
    html.append("<h1>Case record ")
        .append(esc(businessKey))
        .append("</h1>\n<p>Exported by ")
        .append(esc(exportedBy))
        .append(" on ")
        .append(when(ClockUtil.getCurrentTime()))
        .append(". Times in ")
        .append(esc(zone.getID()))
        .append(". Confidential: for the purpose it was requested for; do not forward.</p>\n");
    holdsSection(html, holds);
    html.append("<p>Instances in this record:</p><ul>");
    caseInstances.forEach(
        instance -> html.append("<li>").append(esc(title(instance))).append("</li>"));
    html.append("</ul>\n");
    for (HistoricProcessInstance instance : caseInstances) {
      instanceSection(html, instance);
    }
    return html.append("</body></html>\n").toString();
  }

  private void holdsSection(StringBuilder html, List<CaseRecordLog.Entry> holds) {
    html.append("<h3>Legal holds</h3>\n");
    if (holds.isEmpty()) {
      html.append("<p>None.</p>\n");
      return;
    }
    html.append("<table><tr><th>When</th><th>What</th><th>Who</th><th>Why</th></tr>\n");
    holds.forEach(entry -> html.append("<tr><td>")
        .append(when(entry.time()))
        .append("</td><td>")
        .append(entry.action() == CaseRecordLog.Action.HOLD ? "Hold placed" : "Hold lifted")
        .append("</td><td>")
        .append(esc(entry.userId()))
        .append("</td><td>")
        .append(esc(entry.reason()))
        .append("</td></tr>\n"));
    html.append("</table>\n");
  }

  private void instanceSection(StringBuilder html, HistoricProcessInstance instance) {
    String id = instance.getId();
    List<UserOperationLogEntry> operations = historyService
        .createUserOperationLogQuery()
        .processInstanceId(id)
        .orderByTimestamp()
        .asc()
        .list();
    Map<String, String> completedBy = new HashMap<>();
    operations.stream()
        .filter(op -> UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(op.getOperationType()))
        .filter(op -> op.getTaskId() != null && op.getUserId() != null)
        .forEach(op -> completedBy.putIfAbsent(op.getTaskId(), op.getUserId()));
    List<HistoricTaskInstance> tasks = historyService
        .createHistoricTaskInstanceQuery()
        .processInstanceId(id)
        .orderByHistoricActivityInstanceStartTime()
        .asc()
        .list();
    Map<String, String> stepNames = new HashMap<>();
    tasks.forEach(task -> stepNames.put(task.getId(), task.getName()));

    html.append("<h2>")
        .append(esc(title(instance)))
        .append("</h2>\n<p>Started ")
        .append(when(instance.getStartTime()))
        .append(instance.getStartUserId() == null ? "" : " by " + esc(instance.getStartUserId()))
        .append("; ")
        .append(
            instance.getEndTime() == null
                ? "still running"
                : "ended " + when(instance.getEndTime()))
        .append(
            instance.getDeleteReason() == null ? "" : " (" + esc(instance.getDeleteReason()) + ")")
        .append(".</p>\n");

    html.append(
        "<h3>Steps</h3>\n<table><tr><th>Step</th><th>Kind</th><th>Started</th><th>Ended</th></tr>\n");
    List<HistoricActivityInstance> activities = historyService
        .createHistoricActivityInstanceQuery()
        .processInstanceId(id)
        .orderByHistoricActivityInstanceStartTime()
        .asc()
        .orderPartiallyByOccurrence()
        .asc()
        .list();
    for (HistoricActivityInstance activity : activities) {
      stepNames.putIfAbsent(
          activity.getId(),
          activity.getActivityName() == null
              ? activity.getActivityId()
              : activity.getActivityName());
      html.append("<tr><td>")
          .append(esc(stepNames.get(activity.getId())))
          .append("</td><td>")
          .append(esc(activity.getActivityType()))
          .append("</td><td>")
          .append(when(activity.getStartTime()))
          .append("</td><td>")
          .append(activity.getEndTime() == null ? "open" : when(activity.getEndTime()))
          .append(activity.isCanceled() ? " (cancelled)" : "")
          .append("</td></tr>\n");
    }
    html.append("</table>\n");

    html.append(
            "<h3>Tasks, who did them and deadlines</h3>\n<table><tr><th>Task</th><th>Done by</th><th>Created</th>")
        .append("<th>Ended</th><th>Due</th><th>Deadline</th></tr>\n");
    for (HistoricTaskInstance task : tasks) {
      String doer = completedBy.getOrDefault(task.getId(), task.getAssignee());
      html.append("<tr><td>")
          .append(esc(task.getName()))
          .append("</td><td>")
          .append(doer == null ? "not recorded" : esc(doer))
          .append("</td><td>")
          .append(when(task.getStartTime()))
          .append("</td><td>")
          .append(task.getEndTime() == null ? "open" : when(task.getEndTime()) + ended(task))
          .append("</td><td>")
          .append(task.getDueDate() == null ? "none" : when(task.getDueDate()))
          .append("</td>")
          .append(deadline(task))
          .append("</tr>\n");
    }
    html.append("</table>\n");

    List<HistoricDetail> updates = historyService
        .createHistoricDetailQuery()
        .processInstanceId(id)
        .variableUpdates()
        .disableCustomObjectDeserialization()
        .orderByTime()
        .asc()
        .list();
    valuesSection(html, updates, stepNames);
    decisionsSection(html, id, updates, stepNames);
    noticesSection(html, updates);

    if (!operations.isEmpty()) {
      html.append(
          "<h3>Operations by users</h3>\n<table><tr><th>When</th><th>Who</th><th>What</th><th>Step</th></tr>\n");
      for (UserOperationLogEntry op : operations) {
        html.append("<tr><td>")
            .append(when(op.getTimestamp()))
            .append("</td><td>")
            .append(esc(op.getUserId()))
            .append("</td><td>")
            .append(esc(op.getOperationType()))
            .append(
                op.getProperty() == null
                    ? ""
                    : " " + esc(op.getProperty()) + " = " + esc(op.getNewValue()))
            .append("</td><td>")
            .append(esc(op.getTaskId() == null ? "" : stepNames.get(op.getTaskId())))
            .append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
  }

  private void valuesSection(
      StringBuilder html, List<HistoricDetail> updates, Map<String, String> stepNames) {
    html.append(
        "<h3>Values recorded, step by step</h3>\n<table><tr><th>When</th><th>Step</th><th>Name</th><th>Value</th></tr>\n");
    for (HistoricDetail detail : updates) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      updateRow(html, update, stepNames);
    }
    html.append("</table>\n");
  }

  /** One recorded value: when, in which step, which variable, what it was set to. */
  private void updateRow(
      StringBuilder html, HistoricVariableUpdate update, Map<String, String> stepNames) {
    html.append("<tr><td>")
        .append(when(update.getTime()))
        .append("</td><td>")
        .append(esc(step(update, stepNames)))
        .append("</td><td>")
        .append(esc(update.getVariableName()))
        .append("</td><td>")
        .append(esc(display(update.getTypedValue())))
        .append("</td></tr>\n");
  }

  private void decisionsSection(
      StringBuilder html,
      String instanceId,
      List<HistoricDetail> updates,
      Map<String, String> stepNames) {
    html.append(
        "<h3>Decisions and reasons</h3>\n<table><tr><th>When</th><th>Step</th><th>Decision</th><th>Value</th></tr>\n");
    for (HistoricDetail detail : updates) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      if (DECISION.matcher(update.getVariableName()).matches()) {
        updateRow(html, update, stepNames);
      }
    }
    for (HistoricDecisionInstance decision : historyService
        .createHistoricDecisionInstanceQuery()
        .processInstanceId(instanceId)
        .includeInputs()
        .includeOutputs()
        .disableCustomObjectDeserialization()
        .orderByEvaluationTime()
        .asc()
        .list()) {
      StringBuilder rule = new StringBuilder();
      for (HistoricDecisionInputInstance input : decision.getInputs()) {
        rule.append(input.getClauseName())
            .append(" = ")
            .append(input.getValue())
            .append("; ");
      }
      rule.append("gives ");
      for (HistoricDecisionOutputInstance output : decision.getOutputs()) {
        rule.append(output.getVariableName())
            .append(" = ")
            .append(output.getValue())
            .append("; ");
      }
      html.append("<tr><td>")
          .append(when(decision.getEvaluationTime()))
          .append("</td><td>")
          .append(esc(decision.getActivityId()))
          .append("</td><td>decision table ")
          .append(esc(decision.getDecisionDefinitionName()))
          .append("</td><td>")
          .append(esc(rule.toString()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private void noticesSection(StringBuilder html, List<HistoricDetail> updates) {
    html.append("<h3>Notices sent</h3>\n");
    boolean any = false;
    for (HistoricDetail detail : updates) {
      HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
      if (NOTICE_COPY.matcher(update.getVariableName()).matches()
          && update.getTypedValue() instanceof FileValue file) {
        any = true;
        html.append("<p>")
            .append(esc(update.getVariableName()))
            .append(", sent ")
            .append(when(update.getTime()))
            .append(":</p>\n<pre>")
            .append(esc(text(file)))
            .append("</pre>\n");
      }
    }
    if (!any) {
      html.append("<p>None from this instance.</p>\n");
    }
  }

  private static String step(HistoricVariableUpdate update, Map<String, String> stepNames) {
    if (update.getTaskId() != null && stepNames.containsKey(update.getTaskId())) {
      return stepNames.get(update.getTaskId());
    }
    String byActivity = stepNames.get(update.getActivityInstanceId());
    return byActivity != null ? byActivity : "case";
  }

  private String deadline(HistoricTaskInstance task) {
    Date due = task.getDueDate();
    if (due == null) {
      return "<td>no deadline</td>";
    }
    Date end = task.getEndTime();
    if (end == null) {
      return ClockUtil.getCurrentTime().after(due)
          ? "<td class=\"missed\">missed (still open)</td>"
          : "<td>open</td>";
    }
    return end.after(due) ? "<td class=\"missed\">missed</td>" : "<td>met</td>";
  }

  private static String ended(HistoricTaskInstance task) {
    return task.getDeleteReason() == null || "completed".equals(task.getDeleteReason())
        ? ""
        : " (" + HtmlUtils.htmlEscape(task.getDeleteReason()) + ")";
  }

  /** Objects and JSON (a checklist) as stored, never deserialized into classes. */
  private String display(TypedValue value) {
    if (value instanceof SerializableValue serializable && !serializable.isDeserialized()) {
      String format = String.valueOf(serializable.getSerializationDataFormat());
      return format.contains("java-serialized")
          ? "(a Java object, kept in the case but not readable as text)"
          : String.valueOf(serializable.getValueSerialized());
    }
    if (value == null || value.getValue() == null) {
      return "(empty)";
    }
    if (value instanceof FileValue file) {
      return "file " + file.getFilename() + " (" + file.getMimeType() + ")";
    }
    if (value.getValue() instanceof Date date) {
      return when(date);
    }
    return String.valueOf(value.getValue());
  }

  private static String text(FileValue file) {
    try (InputStream content = file.getValue()) {
      return new String(content.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String title(HistoricProcessInstance instance) {
    return (instance.getProcessDefinitionName() == null
            ? instance.getProcessDefinitionKey()
            : instance.getProcessDefinitionName())
        + " (" + instance.getProcessDefinitionKey() + " v" + instance.getProcessDefinitionVersion()
        + ", instance "
        + instance.getId() + ")";
  }

  private String when(Date date) {
    if (date == null) {
      return "";
    }
    SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd HH:mm");
    format.setTimeZone(zone);
    return format.format(date);
  }

  private static String esc(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text);
  }
}
