package org.peerflow.notification;

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
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.TestUsers;
import org.peerflow.calendar.BusinessDays;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Reminders one business day before a task's due date and escalations at it, for tasks whose
 * models say nothing about either (test-models deadline-*.bpmn, candidate group deadline-desk).
 */
class TaskDeadlinesTest extends IntegrationTestBase {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  /** Monday morning */
  private static final Date NOW = at(2026, 11, 30, 9, 0);
  /** Thursday 5 PM: the reminder is due Wednesday 5 PM */
  private static final Date DUE = at(2026, 12, 3, 17, 0);

  private static final Date REMINDER = at(2026, 12, 2, 17, 0);
  private static final String DESK = "deadline-desk";
  private static final List<String> DESK_MEMBERS = List.of("deadline-alice", "deadline-bob");
  private static final String ASSIGNEE = "deadline-carol";
  private static final String CLIENT = "Zebediah Quillfeather";

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  TaskService taskService;

  @Autowired
  ManagementService managementService;

  @Autowired
  IdentityService identityService;

  @Autowired
  BusinessDays businessDays;

  @Value("${peerflow.hr-lead}")
  String hrLead;

  @BeforeEach
  void peopleAndClock() throws Exception {
    DESK_MEMBERS.forEach(id -> user(id, DESK));
    user(ASSIGNEE, null);
    ClockUtil.setCurrentTime(NOW);
  }

  @AfterEach
  void resetClock() throws Exception {
    ClockUtil.reset();
  }

  @Test
  void reminderGoesToTheCandidatesOneBusinessDayBeforeTheDueDateNotEarlier() throws Exception {
    Case c = start("deadline-demo", Map.of());

    // one job per task: the reminder first, which plans the escalation when it has run
    Assertions.assertThat(deadlineJobs(c))
        .extracting(this::kind)
        .containsExactly(TaskDeadlineJob.Kind.REMINDER);
    Job reminder = job(c, TaskDeadlineJob.Kind.REMINDER);
    Assertions.assertThat(reminder.getDuedate())
        .isEqualTo(REMINDER)
        .isEqualTo(businessDays.before(DUE, 1));
    // not attached to the case: an instance's job queries (and its end) do not touch them
    Assertions.assertThat(managementService
            .createJobQuery()
            .processInstanceId(c.instance.getId())
            .count())
        .isZero();

    ClockUtil.setCurrentTime(new Date(REMINDER.getTime() - 60_000));
    Assertions.assertThat(executable(reminder)).isFalse();
    ClockUtil.setCurrentTime(REMINDER);
    Assertions.assertThat(executable(reminder)).isTrue();
    managementService.executeJob(reminder.getId());

    Assertions.assertThat(runMailJobs(c)).isEqualTo(2);
    MimeMessage[] mails = SMTP.getReceivedMessages();
    Assertions.assertThat(recipients(mails)).isEqualTo(addresses(DESK_MEMBERS));
    for (MimeMessage mail : mails) {
      Assertions.assertThat(mail.getSubject()).isEqualTo("Due soon: Check in with …");
      Assertions.assertThat(text(mail))
          .contains(
              "Deadline demo",
              "Thursday, December 3, 2026, 5:00 PM EST",
              "?task=" + c.task.getId());
    }
    Assertions.assertThat(deadlineJobs(c))
        .extracting(this::kind)
        .containsExactly(TaskDeadlineJob.Kind.ESCALATION);
    Assertions.assertThat(job(c, TaskDeadlineJob.Kind.ESCALATION).getDuedate()).isEqualTo(DUE);
  }

  @Test
  void anEscalationJobPlannedBesideTheReminderByAnEarlierReleaseMakesWayAfterTheReminder()
      throws Exception {
    Case c = start("deadline-demo", Map.of());
    // as releases before one job per task left it: a second job for the escalation
    ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
            processEngine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute(commandContext -> {
          var timer = new org.camunda.bpm.engine.impl.persistence.entity.TimerEntity();
          timer.setJobHandlerType(TaskDeadlineJobHandler.TYPE);
          timer.setJobHandlerConfiguration(
              new TaskDeadlineJob(TaskDeadlineJob.Kind.ESCALATION, c.task.getId()));
          timer.setDuedate(DUE);
          commandContext.getJobManager().schedule(timer);
          return null;
        });
    Assertions.assertThat(deadlineJobs(c)).hasSize(2);

    ClockUtil.setCurrentTime(REMINDER);
    managementService.executeJob(job(c, TaskDeadlineJob.Kind.REMINDER).getId());

    Assertions.assertThat(deadlineJobs(c))
        .extracting(this::kind)
        .containsExactly(TaskDeadlineJob.Kind.ESCALATION);
  }

  @Test
  void noReminderWhenTheDueDateIsLessThanABusinessDayAway() throws Exception {
    Case c = start("deadline-demo", Map.of("deadlineDue", at(2026, 11, 30, 17, 0)));

    Assertions.assertThat(deadlineJobs(c))
        .extracting(this::kind)
        .containsExactly(TaskDeadlineJob.Kind.ESCALATION);
  }

  @Test
  void escalationAfterTheDueDateGoesToTheHrLeadAndTheOwner() throws Exception {
    Case c = start("deadline-demo", Map.of());
    taskService.setAssignee(c.task.getId(), ASSIGNEE);
    runMailJobs(c);
    SMTP.purgeEmailFromAllMailboxes();
    // the reminder runs late, after the due date: it stays silent (the task is overdue) and
    // plans the escalation for the due date, which has come
    ClockUtil.setCurrentTime(DUE);
    managementService.executeJob(job(c, TaskDeadlineJob.Kind.REMINDER).getId());
    Assertions.assertThat(runMailJobs(c)).isZero();
    Job escalation = job(c, TaskDeadlineJob.Kind.ESCALATION);
    Assertions.assertThat(escalation.getDuedate()).isEqualTo(DUE);

    ClockUtil.setCurrentTime(new Date(DUE.getTime() - 60_000));
    Assertions.assertThat(executable(escalation)).isFalse();
    ClockUtil.setCurrentTime(DUE);
    managementService.executeJob(escalation.getId());

    Assertions.assertThat(runMailJobs(c)).isEqualTo(2);
    String hrLeadAddress = address(hrLead);
    Assertions.assertThat(recipients(SMTP.getReceivedMessages()))
        .isEqualTo(addresses(List.of(ASSIGNEE, hrLead)));
    MimeMessage toLead = SMTP.getReceivedMessagesForDomain(hrLeadAddress)[0];
    Assertions.assertThat(toLead.getSubject()).isEqualTo("Overdue: Check in with …");
    Assertions.assertThat(text(toLead))
        .contains("escalated to you as the HR lead", "?task=" + c.task.getId());
    Assertions.assertThat(text(SMTP.getReceivedMessagesForDomain(address(ASSIGNEE))[0]))
        .contains("assigned to you", "has passed its due date");
    Assertions.assertThat(deadlineJobs(c)).isEmpty();
  }

  @Test
  void aTaskCompletedBeforeItsDueDateGetsNeitherReminderNorEscalation() throws Exception {
    Case c = start("deadline-demo", Map.of());
    taskService.complete(c.task.getId());
    assertThat(c.instance).isEnded();
    List<Job> jobs = deadlineJobs(c);
    Assertions.assertThat(jobs).hasSize(1);
    runMailJobs(c);
    SMTP.purgeEmailFromAllMailboxes();

    ClockUtil.setCurrentTime(new Date(DUE.getTime() + 60_000));
    jobs.forEach(job -> managementService.executeJob(job.getId()));

    Assertions.assertThat(runMailJobs(c)).isZero();
    Assertions.assertThat(deadlineJobs(c)).isEmpty();
  }

  @Test
  void aProcessWithEscalateToNoneIsRemindedButNotEscalated() throws Exception {
    Case c = start("deadline-quiet", Map.of());

    Assertions.assertThat(deadlineJobs(c))
        .extracting(this::kind)
        .containsExactly(TaskDeadlineJob.Kind.REMINDER);
    ClockUtil.setCurrentTime(REMINDER);
    managementService.executeJob(job(c, TaskDeadlineJob.Kind.REMINDER).getId());
    Assertions.assertThat(runMailJobs(c)).isEqualTo(DESK_MEMBERS.size());
    SMTP.purgeEmailFromAllMailboxes();

    ClockUtil.setCurrentTime(new Date(DUE.getTime() + 86_400_000L));
    Assertions.assertThat(deadlineJobs(c)).isEmpty();
    Assertions.assertThat(runMailJobs(c)).isZero();
  }

  @Test
  void clinicalWorkIsEscalatedToTheCliniciansNotToTheHrLead() throws Exception {
    Case c = start("deadline-clinical", Map.of());
    ClockUtil.setCurrentTime(REMINDER);
    managementService.executeJob(job(c, TaskDeadlineJob.Kind.REMINDER).getId());
    runMailJobs(c);
    SMTP.purgeEmailFromAllMailboxes();

    ClockUtil.setCurrentTime(DUE);
    managementService.executeJob(job(c, TaskDeadlineJob.Kind.ESCALATION).getId());

    Set<String> clinicians = groupAddresses("clinicians");
    Assertions.assertThat(clinicians).isNotEmpty().doesNotContain(address(hrLead));
    Set<String> expected = new TreeSet<>(clinicians);
    expected.addAll(addresses(DESK_MEMBERS));
    Assertions.assertThat(runMailJobs(c)).isEqualTo(expected.size());
    Assertions.assertThat(recipients(SMTP.getReceivedMessages()))
        .isEqualTo(expected)
        .doesNotContain(address(hrLead));
    for (String clinician : clinicians) {
      Assertions.assertThat(text(SMTP.getReceivedMessagesForDomain(clinician)[0]))
          .contains("escalated to you as the group clinicians");
    }
  }

  @Test
  void aMovedDueDatePlansTheJobsAgain() throws Exception {
    Case c = start("deadline-demo", Map.of());
    Date later = at(2026, 12, 10, 12, 0);

    taskService.setDueDate(c.task.getId(), later);

    Assertions.assertThat(deadlineJobs(c)).hasSize(1);
    Assertions.assertThat(job(c, TaskDeadlineJob.Kind.REMINDER).getDuedate())
        .isEqualTo(at(2026, 12, 9, 12, 0));

    // a job that fires for a due date the task no longer has (changed behind the engine's back)
    // plans itself again for the task's real one and sends nothing
    Job reminder = job(c, TaskDeadlineJob.Kind.REMINDER);
    managementService.setJobDuedate(reminder.getId(), REMINDER);
    ClockUtil.setCurrentTime(REMINDER);
    managementService.executeJob(reminder.getId());

    Assertions.assertThat(runMailJobs(c)).isZero();
    Assertions.assertThat(deadlineJobs(c)).hasSize(1);
    Assertions.assertThat(job(c, TaskDeadlineJob.Kind.REMINDER).getDuedate())
        .isEqualTo(at(2026, 12, 9, 12, 0));

    // and the escalation likewise, once the reminder has gone out
    ClockUtil.setCurrentTime(at(2026, 12, 9, 12, 0));
    managementService.executeJob(job(c, TaskDeadlineJob.Kind.REMINDER).getId());
    runMailJobs(c);
    Job escalation = job(c, TaskDeadlineJob.Kind.ESCALATION);
    Assertions.assertThat(escalation.getDuedate()).isEqualTo(later);
    managementService.setJobDuedate(escalation.getId(), DUE);
    ClockUtil.setCurrentTime(at(2026, 12, 9, 13, 0));
    managementService.executeJob(escalation.getId());
    Assertions.assertThat(runMailJobs(c)).isZero();
    Assertions.assertThat(deadlineJobs(c)).hasSize(1);
    Assertions.assertThat(job(c, TaskDeadlineJob.Kind.ESCALATION).getDuedate()).isEqualTo(later);
  }

  @Test
  void noCaseValueEverAppearsInAReminderOrAnEscalation() throws Exception {
    String secret = "relapse-note-" + UUID.randomUUID();
    Case c = start("deadline-demo", Map.of("clientName", CLIENT, "clinicalNote", secret));

    ClockUtil.setCurrentTime(REMINDER);
    managementService.executeJob(job(c, TaskDeadlineJob.Kind.REMINDER).getId());
    ClockUtil.setCurrentTime(DUE);
    managementService.executeJob(job(c, TaskDeadlineJob.Kind.ESCALATION).getId());

    Assertions.assertThat(runMailJobs(c)).isEqualTo(2 * DESK_MEMBERS.size() + 1);
    for (MimeMessage mail : SMTP.getReceivedMessages()) {
      // decoded (the body is quoted-printable) and as sent
      for (String text :
          List.of(mail.getSubject(), text(mail), GreenMailUtil.getWholeMessage(mail))) {
        Assertions.assertThat(text)
            .doesNotContain(CLIENT, "Zebediah", "Quillfeather", secret, c.businessKey);
      }
    }
  }

  // --- the case --------------------------------------------------------------------------------

  private record Case(String businessKey, ProcessInstance instance, Task task) {}

  /** Starts a case, sends its task e-mails and empties the inbox. */
  private Case start(String processKey, Map<String, Object> extra) throws Exception {
    String businessKey = "deadline-test-" + UUID.randomUUID();
    Map<String, Object> variables =
        new java.util.HashMap<>(Map.of("deadlineDue", DUE, "clientName", "Robin Example"));
    variables.putAll(extra);
    ProcessInstance instance =
        runtimeService.startProcessInstanceByKey(processKey, businessKey, variables);
    assertThat(instance).isWaitingAt("Task_CheckIn");
    Task task =
        taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    Case c = new Case(businessKey, instance, task);
    runMailJobs(c);
    SMTP.purgeEmailFromAllMailboxes();
    return c;
  }

  private List<Job> deadlineJobs(Case c) {
    return managementService.createJobQuery().list().stream()
        .filter(job -> TaskDeadlineJobHandler.TYPE.equals(((JobEntity) job).getJobHandlerType()))
        .filter(job -> c.task.getId().equals(config(job).taskId()))
        .toList();
  }

  private Job job(Case c, TaskDeadlineJob.Kind kind) {
    List<Job> jobs = deadlineJobs(c).stream().filter(job -> kind(job) == kind).toList();
    Assertions.assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private TaskDeadlineJob.Kind kind(Job job) {
    return config(job).kind();
  }

  private static TaskDeadlineJob config(Job job) {
    return TaskDeadlineJob.parse(((JobEntity) job).getJobHandlerConfigurationRaw());
  }

  private boolean executable(Job job) {
    return managementService.createJobQuery().jobId(job.getId()).executable().count() == 1;
  }

  /** The job executor is off in tests: run this case's mail jobs by hand. */
  private int runMailJobs(Case c) {
    List<Job> jobs = OutboxJobs.ofCases(processEngine, c.businessKey::equals);
    jobs.forEach(job -> managementService.executeJob(job.getId()));
    return jobs.size();
  }

  /** The decoded body. */
  private static String text(MimeMessage mail) throws Exception {
    return (String) mail.getContent();
  }

  private static Set<String> recipients(MimeMessage... mails) throws Exception {
    Set<String> addresses = new TreeSet<>();
    for (MimeMessage mail : mails) {
      for (var address : mail.getRecipients(Message.RecipientType.TO)) {
        addresses.add(((InternetAddress) address).getAddress());
      }
    }
    return addresses;
  }

  // --- people -----------------------------------------------------------------------------------

  private String address(String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    Assertions.assertThat(user).as("user " + userId).isNotNull();
    return user.getEmail().toLowerCase(java.util.Locale.ROOT);
  }

  private Set<String> addresses(List<String> userIds) {
    return userIds.stream().map(this::address).collect(Collectors.toCollection(TreeSet::new));
  }

  private Set<String> groupAddresses(String group) {
    return identityService.createUserQuery().memberOfGroup(group).list().stream()
        .map(User::getEmail)
        .filter(email -> email != null && !email.isBlank())
        .map(email -> email.toLowerCase(java.util.Locale.ROOT))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private void user(String id, String group) {
    TestUsers.ensure(identityService, id, group);
  }

  private static Date at(int year, int month, int day, int hour, int minute) {
    return Date.from(
        ZonedDateTime.of(year, month, day, hour, minute, 0, 0, NEW_YORK).toInstant());
  }
}
