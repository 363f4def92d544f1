package org.peerflow.records;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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

/** The record HR hands over: one document with everything that happened in a case, for those who may read it. */
class CaseRecordExportTest extends IntegrationTestBase {

  static final ZonedDateTime MONDAY =
      ZonedDateTime.parse("2026-03-02T09:00:00-05:00[America/New_York]");

  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  IdentityService identityService;

  @Autowired
  CaseRecordLog log;

  HiringWalk walk;

  @BeforeEach
  void startOnAMonday() {
    ClockUtil.setCurrentTime(Date.from(MONDAY.toInstant()));
    walk = new HiringWalk(processEngine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    identityService.clearAuthentication();
  }

  @Test
  void hrExportsTheWholeHiringCaseWithTheHrOnlyReviewTheNoticesAndTheDeadlines() {
    ProcessInstance application = walk.toOffer("US-MA");
    ProcessInstance review = walk.toResponseWait(application);
    runtimeService
        .createMessageCorrelation("ApplicantResponseReceived")
        .processInstanceBusinessKey(application.getBusinessKey())
        .setVariable("applicantResponse", "The 2012 record is not mine <script>alert('x')</script>")
        .correlate();
    ClockUtil.setCurrentTime(Date.from(MONDAY.plusDays(1).toInstant()));
    identityService.setAuthentication("harper", List.of("hr"));
    walk.reassess(review, "final-adverse");
    walk.reconsiderationWindowEnds(
        review); // no request for reconsideration within 10 business days
    identityService.clearAuthentication();
    assertThat(application).isEnded();
    ProcessInstance referrals = runtimeService
        .createProcessInstanceQuery()
        .processDefinitionKey("fair-chance-referrals")
        .processInstanceBusinessKey(application.getBusinessKey())
        .singleResult();
    // two weeks late: the referral's five business days have passed
    ClockUtil.setCurrentTime(Date.from(MONDAY.plusDays(14).toInstant()));
    complete(
        task("Task_ReferRecordSealing", referrals),
        withVariables("record_sealing_offer", "accepted"));
    Mailbox.runMailJobs(processEngine);
    Rest rest = new Rest(port);
    Assertions.assertThat(rest.postJson(
                "hana",
                "/peerflow/api/cases/" + application.getBusinessKey() + "/hold",
                java.util.Map.of("reason", "Applicant's counsel wrote on 16 March"))
            .status())
        .isEqualTo(201);

    Rest.Response export =
        rest.get("harper", "/peerflow/api/cases/" + application.getBusinessKey() + "/record");

    Assertions.assertThat(export.status()).as(export.body()).isEqualTo(200);
    String record = export.body();
    Assertions.assertThat(record)
        .contains("Case record " + application.getBusinessKey())
        .contains("Exported by harper")
        // every instance: the application, the HR-only review it called, the referrals started for
        // it
        .contains("fair-chance-hiring v", "fair-chance-record-review v", "fair-chance-referrals v")
        // steps, values at each step, decisions with reasons
        .contains(
            "Screen the application", "Select the candidate", "Make the individualized assessment")
        .contains(
            "Best fit for the housing team", "Weighs against handling funds", "Acme Screening LLC")
        .contains("selectionReasons", "preliminaryDecision", "reassessmentReasons")
        // what the jurisdiction's decision table gave (the tables' own history needs rights on
        // decisions)
        .contains("responseWindowDays")
        // who did it
        .containsPattern("Reassess with the response</td><td>harper</td>")
        // notices with their text
        .contains(
            "noticePreliminary", "noticeFinal", "2012 theft, misdemeanor", "dispute the accuracy")
        // deadlines
        .containsPattern(
            "Refer to record sealing help</td><td>not recorded</td>.*<td class=\"missed\">missed</td>")
        .contains("<td>met</td>")
        // holds
        .contains("Hold placed", "hana", "Applicant&#39;s counsel wrote on 16 March")
        // what applicants wrote is shown, never run
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .doesNotContain("<script>");
    Assertions.assertThat(log.entries(application.getBusinessKey(), CaseRecordLog.Action.EXPORT))
        .singleElement()
        .satisfies(entry -> Assertions.assertThat(entry.userId()).isEqualTo("harper"));
  }

  @Test
  void aSupervisorWhoReadsTheApplicationMayNotExportItNorMayAnyoneAnonymously() {
    ProcessInstance application = walk.toOffer("US-MA");
    walk.offerAndAuthorize(application);
    String path = "/peerflow/api/cases/" + application.getBusinessKey() + "/record";
    Rest rest = new Rest(port);

    Rest.Response bySupervisor = rest.get("sam", path);
    Assertions.assertThat(bySupervisor.status()).isEqualTo(403);
    Assertions.assertThat(bySupervisor.body()).doesNotContain("Jordan Rivera");
    Assertions.assertThat(rest.get(null, path).status()).isEqualTo(401);
    Assertions.assertThat(log.entries(application.getBusinessKey(), CaseRecordLog.Action.EXPORT))
        .isEmpty();
    Assertions.assertThat(rest.get("harper", path).status()).isEqualTo(200);
  }

  @Test
  void aConsentRecordIsExportedByTheTreatingTeamNeverByHr() {
    ConsentWalk consentWalk = new ConsentWalk(processEngine);
    ProcessInstance consent = consentWalk.toDecision("standard");
    consentWalk.decide(consent, "refuse");
    String path = "/peerflow/api/cases/" + consent.getBusinessKey() + "/record";
    Rest rest = new Rest(port);

    Rest.Response byHr = rest.get("harper", path);
    Assertions.assertThat(byHr.status()).isEqualTo(403);
    Assertions.assertThat(byHr.body()).doesNotContain("Robin Ames");
    Assertions.assertThat(rest.get("pia", path).status())
        .as("a peer specialist the consent does not name")
        .isEqualTo(403);
    Rest.Response byClinician = rest.get("casey", path);
    Assertions.assertThat(byClinician.status()).as(byClinician.body()).isEqualTo(200);
    Assertions.assertThat(byClinician.body())
        .contains("Informed consent for treatment", "Robin Ames", "consentDecision");
    Assertions.assertThat(log.entries(consent.getBusinessKey(), CaseRecordLog.Action.EXPORT))
        .extracting(CaseRecordLog.Entry::userId)
        .containsExactly("casey");
  }
}
