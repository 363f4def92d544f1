package org.peerflow.records;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Mailbox;
import org.peerflow.Rest;
import org.peerflow.consent.ConsentWalk;
import org.peerflow.hiring.HiringWalk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * History cleanup as it runs in production: each case goes when its time to live has passed —
 * from every history table, byte arrays included — and not before; a running case and a held case
 * stay; a lifted hold lets the case go.
 */
class RetentionTest extends IntegrationTestBase {

  /** Monday 2 March 2026, 09:00 in New York. */
  static final ZonedDateTime MONDAY =
      ZonedDateTime.parse("2026-03-02T09:00:00-05:00[America/New_York]");

  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  HistoryService historyService;

  @Autowired
  ManagementService managementService;

  @Autowired
  DataSource dataSource;

  HiringWalk walk;
  EngineJobs jobs;
  HistoryTables tables;

  @BeforeEach
  void startOnAMonday() {
    ClockUtil.setCurrentTime(Date.from(MONDAY.toInstant()));
    walk = new HiringWalk(processEngine);
    jobs = new EngineJobs(managementService, historyService);
    tables = new HistoryTables(dataSource);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void eachCaseGoesWhenItsTimeHasComeExceptWhileRunningOrHeld() {
    String expiring = finishedApplicationWithReferrals();
    String held = finishedApplicationWithReferrals();
    ProcessInstance running = walk.apply(walk.openPosition("US-MA"));
    ConsentWalk consentWalk = new ConsentWalk(processEngine);
    ProcessInstance consent = consentWalk.toDecision("standard");
    consentWalk.decide(consent, "refuse");
    assertThat(consent).isEnded();
    // this test's e-mails: queued on its Monday, not by an earlier test at the real time
    List<String> mailJobs =
        managementService.createJobQuery().processDefinitionKey("peerflow-mail").list().stream()
            .filter(
                job -> job.getCreateTime().before(Date.from(MONDAY.plusDays(1).toInstant())))
            .map(Job::getId)
            .toList();
    Mailbox.runMailJobs(processEngine);
    Rest rest = new Rest(port);
    Rest.Response hold = rest.postJson(
        "harper",
        "/peerflow/api/cases/" + held + "/hold",
        Map.of("reason", "EEOC charge 523-2026-00017 filed"));
    Assertions.assertThat(hold.status()).as(hold.body()).isEqualTo(201);
    jobs.runRemovalTimeBatches();

    List<String> expiringCase = instanceIds(expiring);
    List<String> heldCase = instanceIds(held);
    Map<String, Long> expiringRows = tables.rowsOf(expiringCase);
    Map<String, Long> heldRows = tables.rowsOf(heldCase);
    Map<String, Long> runningRows = tables.rowsOf(List.of(running.getId()));
    Map<String, Long> consentRows = tables.rowsOf(List.of(consent.getId()));
    Assertions.assertThat(expiringCase)
        .as("the application, its record review and its referrals")
        .hasSize(3);
    Assertions.assertThat(expiringRows)
        .containsKeys(
            "ACT_HI_PROCINST",
            "ACT_HI_ACTINST",
            "ACT_HI_TASKINST",
            "ACT_HI_VARINST",
            "ACT_HI_DETAIL",
            "ACT_HI_DECINST",
            "ACT_GE_BYTEARRAY");
    // an e-mail leaves no copy in history (a notice's copy stays with its case); its job's log does
    Assertions.assertThat(mailJobs).isNotEmpty();
    Assertions.assertThat(mailJobLogs(mailJobs)).isPositive();

    // 31 days on: the e-mails' job logs are gone, every case is whole
    jobs.cleanUpHistoryAt(Date.from(MONDAY.plusDays(31).toInstant()), tables);
    Assertions.assertThat(mailJobLogs(mailJobs)).isZero();
    Assertions.assertThat(tables.rowsOf(expiringCase)).isEqualTo(expiringRows);
    Assertions.assertThat(tables.rowsOf(heldCase)).isEqualTo(heldRows);

    // three years on: the finished application has gone everywhere; the held and the running stay
    jobs.cleanUpHistoryAt(Date.from(MONDAY.plusYears(3).plusDays(10).toInstant()), tables);
    Assertions.assertThat(tables.rowsOf(expiringCase)).isEmpty();
    Assertions.assertThat(historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(expiring)
            .count())
        .isZero();
    Assertions.assertThat(rest.get(
                "harper",
                "/engine-rest/history/process-instance?processInstanceBusinessKey=" + expiring)
            .json())
        .isEmpty();
    Assertions.assertThat(rest.get(
                "harper",
                "/engine-rest/history/variable-instance?processInstanceIdIn="
                    + String.join(",", expiringCase))
            .json())
        .isEmpty();
    Assertions.assertThat(tables.rowsOf(heldCase)).isEqualTo(heldRows);
    Assertions.assertThat(tables.rowsOf(List.of(running.getId()))).isEqualTo(runningRows);
    assertThat(running).isNotEnded();
    Assertions.assertThat(tables.rowsOf(List.of(consent.getId()))).isEqualTo(consentRows);

    // the hold is lifted: the case had been due for days and goes at the next cleanup
    Rest.Response lift = rest.postJson(
        "harper",
        "/peerflow/api/cases/" + held + "/hold/lift",
        Map.of("reason", "Charge dismissed, no appeal"));
    Assertions.assertThat(lift.status()).as(lift.body()).isEqualTo(200);
    jobs.runRemovalTimeBatches();
    jobs.cleanUpHistoryAt(Date.from(MONDAY.plusYears(3).plusDays(11).toInstant()), tables);
    Assertions.assertThat(tables.rowsOf(heldCase)).isEmpty();
    Assertions.assertThat(tables.rowsOf(List.of(consent.getId()))).isEqualTo(consentRows);

    // twenty years on: the clinical record goes too; the case still running never does
    jobs.cleanUpHistoryAt(Date.from(MONDAY.plusYears(20).plusDays(10).toInstant()), tables);
    Assertions.assertThat(tables.rowsOf(List.of(consent.getId()))).isEmpty();
    Assertions.assertThat(tables.rowsOf(List.of(running.getId()))).isEqualTo(runningRows);
  }

  @Test
  void referralsStartedForTheCaseExpireWithItNotBefore() {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.toResponseWait(application);
    ProcessInstance referrals = referrals(application.getBusinessKey());
    completeReferrals(referrals); // the referrals end first, the application a week later
    ClockUtil.setCurrentTime(Date.from(MONDAY.plusDays(7).toInstant()));
    runtimeService
        .createMessageCorrelation("ApplicantResponseReceived")
        .processInstanceBusinessKey(application.getBusinessKey())
        .setVariable("applicantResponse", "see attached")
        .correlate();
    walk.reassess(review, "final-adverse");
    walk.reconsiderationWindowEnds(
        review); // no request for reconsideration within 10 business days
    assertThat(application).isEnded();
    jobs.runRemovalTimeBatches();

    HistoricProcessInstance applicationHistory = history(application.getId());
    // the application's own: its end plus three years (1095 days), a week after the referrals' own
    Assertions.assertThat(applicationHistory.getRemovalTime())
        .isAfter(Date.from(MONDAY.plusDays(1095 + 6).toInstant()))
        .isBefore(Date.from(MONDAY.plusDays(1095 + 8).toInstant()));
    Assertions.assertThat(history(referrals.getId()).getRemovalTime())
        .isEqualTo(applicationHistory.getRemovalTime());
    Assertions.assertThat(history(review.getId()).getRemovalTime())
        .isEqualTo(applicationHistory.getRemovalTime());
  }

  @Test
  void aHoldReachesAnInstanceThatEndsWhileTheCaseIsHeld() {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.toResponseWait(application);
    Rest.Response hold = new Rest(port)
        .postJson(
            "hana",
            "/peerflow/api/cases/" + application.getBusinessKey() + "/hold",
            Map.of("reason", "Litigation hold from counsel"));
    Assertions.assertThat(hold.status()).as(hold.body()).isEqualTo(201);
    jobs.runRemovalTimeBatches();

    runtimeService
        .createMessageCorrelation("ApplicantResponseReceived")
        .processInstanceBusinessKey(application.getBusinessKey())
        .setVariable("applicantResponse", "see attached")
        .correlate();
    walk.reassess(review, "final-adverse");
    walk.reconsiderationWindowEnds(
        review); // no request for reconsideration within 10 business days
    completeReferrals(referrals(application.getBusinessKey()));
    jobs.runRemovalTimeBatches();

    Assertions.assertThat(instanceIds(application.getBusinessKey()))
        .hasSize(3)
        .allSatisfy(
            id -> Assertions.assertThat(history(id).getRemovalTime()).as(id).isNull());
  }

  @Test
  void onlyHrHoldsACaseAndOnlyWithAReason() {
    ProcessInstance application = walk.apply(walk.openPosition("US-MA"));
    String path = "/peerflow/api/cases/" + application.getBusinessKey() + "/hold";
    Rest rest = new Rest(port);

    Assertions.assertThat(
            rest.postJson("sam", path, Map.of("reason", "I want to keep it")).status())
        .isEqualTo(403);
    Assertions.assertThat(
            rest.postJson(null, path, Map.of("reason", "anonymous")).status())
        .isEqualTo(401);
    Assertions.assertThat(rest.postJson("harper", path, Map.of("reason", " ")).status())
        .isEqualTo(400);
    Assertions.assertThat(rest.postJson(
                "harper", "/peerflow/api/cases/APP-NO-SUCH-CASE/hold", Map.of("reason", "x"))
            .status())
        .isEqualTo(404);
    Assertions.assertThat(rest.get("harper", path).json().get("held").asBoolean())
        .isFalse();

    ProcessInstance consent = new ConsentWalk(processEngine).propose("standard");
    Assertions.assertThat(rest.postJson(
                "harper",
                "/peerflow/api/cases/" + consent.getBusinessKey() + "/hold",
                Map.of("reason", "HR reads no clinical record"))
            .status())
        .isEqualTo(403);
  }

  private String finishedApplicationWithReferrals() {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.toResponseWait(application);
    runtimeService
        .createMessageCorrelation("ApplicantResponseReceived")
        .processInstanceBusinessKey(application.getBusinessKey())
        .setVariable("applicantResponse", "see attached")
        .correlate();
    walk.reassess(review, "final-adverse");
    walk.reconsiderationWindowEnds(
        review); // no request for reconsideration within 10 business days
    assertThat(application).isEnded();
    completeReferrals(referrals(application.getBusinessKey()));
    return application.getBusinessKey();
  }

  private ProcessInstance referrals(String businessKey) {
    return runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey("fair-chance-referrals")
        .processInstanceBusinessKey(businessKey)
        .singleResult();
  }

  static void completeReferrals(ProcessInstance referrals) {
    complete(
        task("Task_ReferRecordSealing", referrals),
        withVariables("record_sealing_offer", "accepted"));
    complete(task("Task_ReferLegalAid", referrals), withVariables("legal_aid_offer", "declined"));
    complete(task("Task_ReferEducation", referrals), withVariables("education_offer", "accepted"));
    assertThat(referrals).isEnded();
  }

  private List<String> instanceIds(String businessKey) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey)
        .list()
        .stream()
        .filter(instance -> !"peerflow-mail".equals(instance.getProcessDefinitionKey()))
        .map(HistoricProcessInstance::getId)
        .toList();
  }

  private long mailJobLogs(List<String> jobIds) {
    return jobIds.stream()
        .mapToLong(id -> historyService.createHistoricJobLogQuery().jobId(id).count())
        .sum();
  }

  private HistoricProcessInstance history(String id) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processInstanceId(id)
        .singleResult();
  }
}
