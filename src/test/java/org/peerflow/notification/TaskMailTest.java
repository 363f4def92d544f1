package org.peerflow.notification;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;

class TaskMailTest extends IntegrationTestBase {

  private static final String HR = "hr";
  /** Starts and works the demo process; may do nothing else, in particular not read users. */
  private static final String CLERK = "notifyclerk";

  private static final String ASSIGNEE = "sam";
  /** May retry the jobs of peerflow-mail, nothing else (README "Operations"). */
  private static final String MAIL_OPERATOR = "mailoperator";

  private static final ZonedDateTime REVIEW_DUE =
      ZonedDateTime.of(2026, 12, 1, 17, 0, 0, 0, ZoneId.of("America/New_York"));

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  TaskService taskService;

  @Autowired
  ManagementService managementService;

  @Autowired
  IdentityService identityService;

  @Autowired
  AuthorizationService authorizationService;

  @BeforeEach
  void peopleAndEmptyInbox() throws Exception {
    // until the identity package creates the demo people, the test brings its own
    user("harper", HR);
    user("hana", HR);
    user(ASSIGNEE, null);
    user(CLERK, null);
    if (authorizationService
            .createAuthorizationQuery()
            .userIdIn(CLERK)
            .resourceType(Resources.PROCESS_DEFINITION)
            .resourceId("notification-demo")
            .count()
        == 0) {
      grant(Resources.PROCESS_DEFINITION, "notification-demo", Permissions.ALL);
      grant(Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }
    SMTP.purgeEmailFromAllMailboxes();
  }

  @Test
  void candidateGroupMembersAreMailedWhenATaskIsCreated() throws Exception {
    String case_ = caseKey();
    // started by a user who may not read users nor start the mail process: mails go out anyway
    ProcessInstance instance = asClerk(() -> start(case_, Map.of()));
    assertThat(instance).isWaitingAt("Task_ReviewApplication");
    Task review =
        taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    Assertions.assertThat(runMailJobs(case_)).isEqualTo(hrAddresses().size());

    MimeMessage[] mails = SMTP.getReceivedMessages();
    Assertions.assertThat(recipients(mails)).isEqualTo(hrAddresses());
    for (MimeMessage mail : mails) {
      Assertions.assertThat(mail.getSubject())
          .isEqualTo("New task for your group: Review the application");
      Assertions.assertThat(GreenMailUtil.getBody(mail))
          .contains("Review the application")
          .contains("Notification demo")
          .contains("Tuesday, December 1, 2026, 5:00 PM EST")
          .contains("http://localhost:")
          .contains("/camunda/app/tasklist/default/#/?task=" + review.getId());
    }
  }

  @Test
  void assigneeIsMailedOnAssignment() throws Exception {
    String case_ = caseKey();
    ProcessInstance instance = start(case_, Map.of());
    runMailJobs(case_);
    SMTP.purgeEmailFromAllMailboxes();
    Task review =
        taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    asClerk(() -> {
      taskService.setAssignee(review.getId(), "hana");
      return null;
    });

    Assertions.assertThat(runMailJobs(case_)).isEqualTo(1);
    MimeMessage mail = SMTP.getReceivedMessages()[0];
    Assertions.assertThat(recipients(mail)).containsExactly("hana@peerflow.example");
    Assertions.assertThat(mail.getSubject()).isEqualTo("Assigned to you: Review the application");
    Assertions.assertThat(GreenMailUtil.getBody(mail)).contains("?task=" + review.getId());
  }

  @Test
  void aTaskCreatedAlreadyAssignedGivesOneMailAndClaimingGivesNone() throws Exception {
    String case_ = caseKey();
    ProcessInstance instance = start(case_, Map.of());
    runMailJobs(case_);
    SMTP.purgeEmailFromAllMailboxes();

    completeReview(instance);
    assertThat(instance).isWaitingAt("Task_PrepareOffer");
    Assertions.assertThat(runMailJobs(case_)).isEqualTo(1);
    Assertions.assertThat(recipients(SMTP.getReceivedMessages()))
        .containsExactly(ASSIGNEE + "@peerflow.example");

    // the clerk takes the task himself: he knows, no e-mail
    Task offer =
        taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    asClerk(() -> {
      taskService.setAssignee(offer.getId(), CLERK);
      return null;
    });
    Assertions.assertThat(runMailJobs(case_)).isZero();
  }

  @Test
  void smtpOutageNeitherBlocksNorRollsBackTheTask() throws Exception {
    String case_ = caseKey();
    ProcessInstance instance = start(case_, Map.of());
    runMailJobs(case_);
    SMTP.purgeEmailFromAllMailboxes();
    Job mailJob;
    try {
      SMTP.stop();

      completeReview(instance);

      assertThat(instance).isWaitingAt("Task_PrepareOffer");
      Assertions.assertThat(taskService
              .createTaskQuery()
              .processInstanceId(instance.getId())
              .singleResult()
              .getAssignee())
          .isEqualTo(ASSIGNEE);
      mailJob = mailJobs(case_).get(0);
      String jobId = mailJob.getId();
      assertThatThrownBy(() -> managementService.executeJob(jobId))
          .isInstanceOf(RuntimeException.class);
      mailJob = managementService.createJobQuery().jobId(jobId).singleResult();
      Assertions.assertThat(mailJob.getRetries()).isEqualTo(4);
      Assertions.assertThat(mailJob.getExceptionMessage()).isNotBlank();
      Assertions.assertThat(managementService.getJobExceptionStacktrace(jobId))
          .contains("MailSendException");
      Assertions.assertThat(incidents(mailJob.getId())).isEmpty();
    } finally {
      restartSmtp();
    }

    managementService.executeJob(mailJob.getId());

    Assertions.assertThat(recipients(SMTP.getReceivedMessages()))
        .containsExactly(ASSIGNEE + "@peerflow.example");
    // the retried e-mail carries the Message-ID of its job: a redelivery is recognisable as one
    Assertions.assertThat(SMTP.getReceivedMessages()[0].getMessageID())
        .isEqualTo("<" + mailJob.getId() + ".peerflow@localhost>");
    Assertions.assertThat(mailJobs(case_)).isEmpty();
  }

  @Test
  void permanentlyFailingMailLeavesAnIncident() throws Exception {
    String case_ = caseKey();
    ProcessInstance instance = start(case_, Map.of());
    Job mailJob = mailJobs(case_).get(0);
    int attempts = 0;
    try {
      SMTP.stop();
      while (mailJob.getRetries() > 0 && attempts < 20) {
        attempts++;
        String jobId = mailJob.getId();
        assertThatThrownBy(() -> managementService.executeJob(jobId))
            .isInstanceOf(RuntimeException.class);
        mailJob = managementService.createJobQuery().jobId(jobId).singleResult();
      }
    } finally {
      restartSmtp();
    }

    // peerflow.mail.retry-cycle R5/PT1M: five attempts, then an operator decides
    Assertions.assertThat(attempts).isEqualTo(5);
    List<Incident> incidents = incidents(mailJob.getId());
    Assertions.assertThat(incidents).hasSize(1);
    Assertions.assertThat(incidents.get(0).getIncidentType())
        .isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    Assertions.assertThat(incidents.get(0).getActivityId()).isEqualTo("Task_SendMail");
    // the case itself is untouched
    assertThat(instance).isWaitingAt("Task_ReviewApplication");
    Assertions.assertThat(SMTP.getReceivedMessages()).isEmpty();

    // an operator who may retry jobs of peerflow-mail, and read nothing of any case, retries it in
    // Cockpit
    user(MAIL_OPERATOR, null);
    if (authorizationService
            .createAuthorizationQuery()
            .userIdIn(MAIL_OPERATOR)
            .resourceType(Resources.PROCESS_DEFINITION)
            .count()
        == 0) {
      Authorization retries =
          authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      retries.setUserId(MAIL_OPERATOR);
      retries.setResource(Resources.PROCESS_DEFINITION);
      retries.setResourceId(Outbox.MAIL_PROCESS);
      retries.addPermission(ProcessDefinitionPermissions.RETRY_JOB);
      authorizationService.saveAuthorization(retries);
    }
    String failedJob = mailJob.getId();
    identityService.setAuthentication(MAIL_OPERATOR, List.of());
    try {
      managementService.setJobRetries(failedJob, 1);
    } finally {
      identityService.clearAuthentication();
    }
    Assertions.assertThat(incidents(failedJob)).isEmpty();
    managementService.executeJob(failedJob); // as the job executor does, in no one's name
    Assertions.assertThat(SMTP.getReceivedMessages()).hasSize(1);
    Assertions.assertThat(hrAddresses()).containsAll(recipients(SMTP.getReceivedMessages()));
    cleanUp(case_, instance);
  }

  @Test
  void mailNeverContainsProcessVariables() throws Exception {
    String case_ = caseKey();
    String name = "Zebediah Quillfeather";
    String secret = "conviction-2019-" + UUID.randomUUID();
    ProcessInstance instance =
        start(case_, Map.of("candidateName", name, "criminalHistoryNote", secret));
    completeReview(instance);
    assertThat(instance).isWaitingAt("Task_PrepareOffer");

    Assertions.assertThat(runMailJobs(case_)).isEqualTo(hrAddresses().size() + 1);

    MimeMessage[] mails = SMTP.getReceivedMessages();
    for (MimeMessage mail : mails) {
      Assertions.assertThat(GreenMailUtil.getWholeMessage(mail))
          .doesNotContain(name, "Zebediah", secret, case_);
    }
    // the task's name is computed from the candidate's name: the e-mail shows it blanked
    Assertions.assertThat(mails)
        .anySatisfy(mail -> Assertions.assertThat(mail.getSubject())
            .isEqualTo("Assigned to you: Prepare the offer for …"));
  }

  // --- the case --------------------------------------------------------------------------------

  private ProcessInstance start(String businessKey, Map<String, Object> extra) {
    Map<String, Object> variables = new java.util.HashMap<>(Map.of(
        "reviewDue",
        Date.from(REVIEW_DUE.toInstant()),
        "candidateName",
        "Robin Example",
        "offerOwner",
        ASSIGNEE));
    variables.putAll(extra);
    return runtimeService.startProcessInstanceByKey("notification-demo", businessKey, variables);
  }

  private void completeReview(ProcessInstance instance) {
    Task review = taskService
        .createTaskQuery()
        .processInstanceId(instance.getId())
        .taskDefinitionKey("Task_ReviewApplication")
        .singleResult();
    asClerk(() -> {
      taskService.complete(review.getId());
      return null;
    });
  }

  private static String caseKey() {
    return "notification-test-" + UUID.randomUUID();
  }

  private void cleanUp(String businessKey, ProcessInstance instance) {
    OutboxJobs.delete(processEngine, businessKey::equals);
    runtimeService.deleteProcessInstance(instance.getId(), "test clean-up");
  }

  // --- the mail jobs and the SMTP server --------------------------------------------------------

  /** The job executor is off in tests: run this case's mail jobs by hand. */
  private int runMailJobs(String businessKey) {
    List<Job> jobs = mailJobs(businessKey);
    jobs.forEach(job -> managementService.executeJob(job.getId()));
    return jobs.size();
  }

  private List<Job> mailJobs(String businessKey) {
    return OutboxJobs.ofCases(processEngine, businessKey::equals);
  }

  /** The incidents of one job (an incident's configuration is its job's id). */
  private List<Incident> incidents(String jobId) {
    return runtimeService.createIncidentQuery().configuration(jobId).list();
  }

  /** The server keeps its port (IntegrationTestBase), so the application finds it again. */
  private void restartSmtp() {
    if (!SMTP.isRunning()) {
      SMTP.start();
    }
  }

  private static Set<String> recipients(MimeMessage... mails) throws Exception {
    Set<String> addresses = new java.util.TreeSet<>();
    for (MimeMessage mail : mails) {
      for (var address : mail.getRecipients(Message.RecipientType.TO)) {
        addresses.add(((InternetAddress) address).getAddress());
      }
    }
    return addresses;
  }

  // --- people -----------------------------------------------------------------------------------

  private Set<String> hrAddresses() {
    return identityService.createUserQuery().memberOfGroup(HR).list().stream()
        .map(User::getEmail)
        .filter(email -> email != null && !email.isBlank())
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  private void user(String id, String group) {
    TestUsers.ensure(identityService, id, group);
  }

  private void grant(
      org.camunda.bpm.engine.authorization.Resource resource,
      String resourceId,
      Permissions permission) {
    Authorization authorization =
        authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setUserId(CLERK);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(permission);
    authorizationService.saveAuthorization(authorization);
  }

  private <T> T asClerk(java.util.concurrent.Callable<T> work) {
    identityService.setAuthentication(CLERK, List.of());
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
