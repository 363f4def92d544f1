package org.peerflow.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.peerflow.notification.Outbox;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics about the cases (scraped at {@code /actuator/prometheus}, operators only):
 *
 * <ul>
 *   <li>{@code peerflow_incidents_open{process,type}}: incidents waiting for an operator
 *   <li>{@code peerflow_mail_jobs_failed{retries_left}}: e-mails whose last attempt failed, still
 *       retrying ({@code yes}) or given up as an incident ({@code no})
 *   <li>{@code peerflow_tasks_overdue{process}} and {@code peerflow_tasks_overdue_by_group{group}}:
 *       open tasks past their due date, per process and per candidate group
 *   <li>{@code camunda_engine_*_total}: the engine's own counters (activity instances, jobs,
 *       decisions), summed over every node; the engine writes them to the database every 15 minutes
 * </ul>
 *
 * <p>The case counts are database queries, so they are refreshed every 30 seconds rather than on
 * every scrape; only counts and process keys are exported, never a business key or a variable.
 */
@Component
public class PeerflowMetrics {

  /** The engine counters exported; names as in {@link Metrics}. */
  static final List<String> ENGINE_COUNTERS = List.of(
      Metrics.ROOT_PROCESS_INSTANCE_START,
      Metrics.ACTIVTY_INSTANCE_START,
      Metrics.ACTIVTY_INSTANCE_END,
      Metrics.JOB_SUCCESSFUL,
      Metrics.JOB_FAILED,
      Metrics.JOB_ACQUISITION_ATTEMPT,
      Metrics.JOB_ACQUIRED_SUCCESS,
      Metrics.JOB_EXECUTION_REJECTED,
      Metrics.EXECUTED_DECISION_INSTANCES,
      Metrics.EXECUTED_DECISION_ELEMENTS);

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final RepositoryService repositoryService;
  private final IdentityService identityService;
  private final MultiGauge incidents;
  private final MultiGauge mailJobs;
  private final MultiGauge overdueByProcess;
  private final MultiGauge overdueByGroup;

  PeerflowMetrics(ProcessEngine engine, MeterRegistry registry) {
    this.runtimeService = engine.getRuntimeService();
    this.taskService = engine.getTaskService();
    this.managementService = engine.getManagementService();
    this.repositoryService = engine.getRepositoryService();
    this.identityService = engine.getIdentityService();
    incidents = MultiGauge.builder("peerflow.incidents.open")
        .description("Open incidents, waiting for an operator (Cockpit)")
        .register(registry);
    mailJobs = MultiGauge.builder("peerflow.mail.jobs.failed")
        .description("E-mails whose last sending attempt failed")
        .register(registry);
    overdueByProcess = MultiGauge.builder("peerflow.tasks.overdue")
        .description("Open tasks past their due date, per process")
        .register(registry);
    overdueByGroup = MultiGauge.builder("peerflow.tasks.overdue.by.group")
        .description("Open tasks past their due date offered to a group, claimed or not")
        .register(registry);
    for (String name : ENGINE_COUNTERS) {
      FunctionCounter.builder(
              "camunda.engine." + name,
              managementService,
              management -> management.createMetricsQuery().name(name).sum())
          .description(
              "Camunda engine metric " + name + " (all nodes, as reported to the database)")
          .register(registry);
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void atStartup() {
    refresh();
  }

  /** Re-reads the case counts; runs every 30 seconds (and may be called to read them now). */
  @Scheduled(fixedDelayString = "${peerflow.operators.metrics-refresh:PT30S}")
  public synchronized void refresh() {
    Map<String, String> keys = repositoryService.createProcessDefinitionQuery().list().stream()
        .collect(Collectors.toMap(ProcessDefinition::getId, ProcessDefinition::getKey));

    Map<Tags, Long> openIncidents = new java.util.LinkedHashMap<>();
    for (Incident incident : runtimeService.createIncidentQuery().list()) {
      Tags tags = Tags.of(
          "process",
          keys.getOrDefault(incident.getProcessDefinitionId(), "unknown"),
          "type",
          incident.getIncidentType());
      openIncidents.merge(tags, 1L, Long::sum);
    }
    incidents.register(rows(openIncidents), true);

    long failedMails = managementService
        .createJobQuery()
        .processDefinitionKey(Outbox.MAIL_PROCESS)
        .withException()
        .count();
    long givenUp = managementService
        .createJobQuery()
        .processDefinitionKey(Outbox.MAIL_PROCESS)
        .withException()
        .noRetriesLeft()
        .count();
    mailJobs.register(
        rows(Map.of(
            Tags.of("retries_left", "yes"),
            failedMails - givenUp,
            Tags.of("retries_left", "no"),
            givenUp)),
        true);

    Date now = ClockUtil.getCurrentTime();
    Map<Tags, Long> byProcess = new java.util.LinkedHashMap<>();
    for (String key : new java.util.TreeSet<>(keys.values())) {
      long overdue = taskService
          .createTaskQuery()
          .processDefinitionKey(key)
          .dueBefore(now)
          .active()
          .count();
      byProcess.put(Tags.of("process", key), overdue);
    }
    overdueByProcess.register(rows(byProcess), true);

    Map<Tags, Long> byGroup = new java.util.LinkedHashMap<>();
    for (Group group : identityService.createGroupQuery().list()) {
      long overdue = taskService
          .createTaskQuery()
          .taskCandidateGroup(group.getId())
          .includeAssignedTasks()
          .dueBefore(now)
          .active()
          .count();
      byGroup.put(Tags.of("group", group.getId()), overdue);
    }
    overdueByGroup.register(rows(byGroup), true);
  }

  private static List<MultiGauge.Row<?>> rows(Map<Tags, Long> counts) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    counts.forEach((tags, count) -> rows.add(MultiGauge.Row.of(tags, count)));
    return rows;
  }
}
