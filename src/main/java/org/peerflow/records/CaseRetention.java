package org.peerflow.records;

import java.util.Calendar;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * When a case's history may be removed. Camunda's removal-time strategy {@code end} gives each
 * root instance and everything it called one removal time, its end plus its definition's
 * {@code historyTimeToLive}; nothing is removed while it runs. Two things it cannot know are
 * handled here, always through the engine's own batch API (set removal time), whose jobs run
 * after the change that asked for them has committed:
 * <ul>
 *   <li>a case can have more than one root instance (fair-chance-referrals is started by a
 *       delegate, not called): when the last of them ends, all of them get the latest of their
 *       removal times, so the case goes as a whole, never a part of it first;</li>
 *   <li>a legal hold: every instance of the case loses its removal time while held, also an
 *       instance that ends during the hold; lifting the hold gives back the computed time.</li>
 * </ul>
 */
@Service
public class CaseRetention {

  private static final Logger LOG = LoggerFactory.getLogger(CaseRetention.class);

  private final HistoryService historyService;
  private final RepositoryService repositoryService;
  private final CaseInstances instances;
  private final CaseRecordLog log;

  CaseRetention(ProcessEngine processEngine, CaseInstances instances, CaseRecordLog log) {
    this.historyService = processEngine.getHistoryService();
    this.repositoryService = processEngine.getRepositoryService();
    this.instances = instances;
    this.log = log;
  }

  /** @throws CaseNotFoundException when no instance has this business key */
  void hold(String businessKey, String userId, String reason) {
    List<HistoricProcessInstance> roots = existingRoots(businessKey);
    if (log.isHeld(businessKey)) {
      throw new HoldStateException(
          "PEERFLOW-REC-010 Case " + businessKey + " is already on legal hold");
    }
    log.append(businessKey, CaseRecordLog.Action.HOLD, userId, reason);
    clearRemovalTime(roots);
    LOG.info("PEERFLOW-REC-011 Case {} put on legal hold by {}", businessKey, userId);
  }

  void lift(String businessKey, String userId, String reason) {
    List<HistoricProcessInstance> roots = existingRoots(businessKey);
    if (!log.isHeld(businessKey)) {
      throw new HoldStateException(
          "PEERFLOW-REC-012 Case " + businessKey + " is not on legal hold");
    }
    log.append(businessKey, CaseRecordLog.Action.LIFT, userId, reason);
    align(roots, null);
    LOG.info("PEERFLOW-REC-013 Legal hold on case {} lifted by {}", businessKey, userId);
  }

  boolean isHeld(String businessKey) {
    return log.isHeld(businessKey);
  }

  /** Inside the command that ends a root instance of the case, before the engine records its end. */
  void rootInstanceEnding(String businessKey, String processInstanceId) {
    List<HistoricProcessInstance> roots = instances.roots(businessKey);
    if (log.isHeld(businessKey)) {
      clearRemovalTime(roots);
    } else {
      align(roots, processInstanceId);
    }
  }

  private List<HistoricProcessInstance> existingRoots(String businessKey) {
    List<HistoricProcessInstance> roots = instances.roots(businessKey);
    if (roots.isEmpty()) {
      throw new CaseNotFoundException(businessKey);
    }
    return roots;
  }

  private void clearRemovalTime(List<HistoricProcessInstance> roots) {
    String[] ids = roots.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    instances.asPeerflow(() -> historyService
        .setRemovalTimeToHistoricProcessInstances()
        .clearedRemovalTime()
        .byIds(ids)
        .hierarchical()
        .executeAsync());
  }

  /**
   * Gives every root instance the latest removal time among them, once none is running.
   * @param endingInstanceId the instance whose end is being recorded now (its end time is now,
   *     and the engine itself writes its own removal time), or null
   */
  private void align(List<HistoricProcessInstance> roots, String endingInstanceId) {
    Map<HistoricProcessInstance, Date> ownRemovalTimes = new LinkedHashMap<>();
    for (HistoricProcessInstance root : roots) {
      boolean ending = root.getId().equals(endingInstanceId);
      if (!ending && root.getEndTime() == null) {
        return; // the part still running aligns them all when it ends
      }
      Integer days = repositoryService
          .getProcessDefinition(root.getProcessDefinitionId())
          .getHistoryTimeToLive();
      if (days == null) {
        LOG.warn(
            "PEERFLOW-REC-014 {} has no historyTimeToLive: case {} is kept",
            root.getProcessDefinitionKey(),
            root.getBusinessKey());
        return;
      }
      ownRemovalTimes.put(
          root, plusDays(ending ? ClockUtil.getCurrentTime() : root.getEndTime(), days));
    }
    Date latest = ownRemovalTimes.values().stream().max(Date::compareTo).orElse(null);
    String[] toChange = ownRemovalTimes.entrySet().stream()
        .filter(own -> own.getKey().getId().equals(endingInstanceId)
            ? !own.getValue().equals(latest)
            : !Objects.equals(own.getKey().getRemovalTime(), latest))
        .map(own -> own.getKey().getId())
        .toArray(String[]::new);
    if (toChange.length > 0) {
      instances.asPeerflow(() -> historyService
          .setRemovalTimeToHistoricProcessInstances()
          .absoluteRemovalTime(latest)
          .byIds(toChange)
          .hierarchical()
          .executeAsync());
    }
  }

  /** As the engine computes a removal time: calendar days in the server's zone. */
  private static Date plusDays(Date date, int days) {
    Calendar calendar = Calendar.getInstance();
    calendar.setTime(date);
    calendar.add(Calendar.DATE, days);
    return calendar.getTime();
  }
}
