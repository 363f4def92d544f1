package org.peerflow.calendar;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.springframework.beans.factory.annotation.Autowired;

class BusinessDaysInProcessTest extends IntegrationTestBase {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  TaskService taskService;

  @Autowired
  ManagementService managementService;

  @Autowired
  BusinessDays businessDays;

  @Test
  void dueDateAndTimerSkipWeekendAndConfiguredHoliday() {
    // Thursday before Thanksgiving (2026-11-26, configured in application.yml)
    Date thursday = at(2026, 11, 19, 10, 0);
    Date fifthBusinessDay =
        at(2026, 11, 27, 10, 0); // Fri 20, Mon 23, Tue 24, Wed 25, (Thu 26), Fri 27
    try {
      ClockUtil.setCurrentTime(thursday);
      ProcessInstance instance = runtimeService.startProcessInstanceByKey("calendar-demo");

      Task task =
          taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
      Assertions.assertThat(task.getDueDate()).isEqualTo(fifthBusinessDay);
      Job timer = managementService
          .createJobQuery()
          .processInstanceId(instance.getId())
          .timers()
          .singleResult();
      Assertions.assertThat(timer.getDuedate()).isEqualTo(fifthBusinessDay);

      ClockUtil.setCurrentTime(at(2026, 11, 27, 9, 59));
      Assertions.assertThat(managementService
              .createJobQuery()
              .processInstanceId(instance.getId())
              .executable()
              .count())
          .as("the timer is not due before the fifth business day")
          .isZero();

      ClockUtil.setCurrentTime(at(2026, 11, 27, 10, 1));
      Assertions.assertThat(managementService
              .createJobQuery()
              .processInstanceId(instance.getId())
              .executable()
              .count())
          .isOne();
      managementService.executeJob(timer.getId());

      assertThat(instance).isEnded().hasPassed("Timer_WindowClosed", "End_WindowClosed");
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void configuredZoneAndHolidayRulesReachTheBean() {
    Assertions.assertThat(businessDays.zone()).isEqualTo(NEW_YORK);
    // the default rule table: Thanksgiving 2026, and New Year 2028 (a Saturday) observed on Friday
    // 2027-12-31
    Assertions.assertThat(businessDays.holidaysIn(2026)).contains(LocalDate.of(2026, 11, 26));
    Assertions.assertThat(businessDays.holidaysIn(2027)).contains(LocalDate.of(2027, 12, 31));
  }

  @Test
  void expressionsCanCountFromAVariable() {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(
        "calendar-demo", Map.of("requestedOn", at(2026, 12, 24, 9, 0), "formDate", "2026-11-26"));
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    ExpressionManager expressions = configuration.getExpressionManager();
    Object[] values = configuration.getCommandExecutorTxRequired().execute(commandContext -> {
      ExecutionEntity execution =
          commandContext.getExecutionManager().findExecutionById(instance.getId());
      return new Object[] {
        expressions.createExpression("${businessDays.after(requestedOn, 1)}").getValue(execution),
        expressions.createExpression("${businessDays.isBusinessDay(formDate)}").getValue(execution),
        expressions.createExpression("${businessDays.duration(0)}").getValue(execution)
      };
    });
    runtimeService.deleteProcessInstance(instance.getId(), "test done");

    Assertions.assertThat(values[0]).isEqualTo(at(2026, 12, 28, 9, 0));
    Assertions.assertThat(values[1]).isEqualTo(false);
    Assertions.assertThat(values[2]).isInstanceOf(String.class);
  }

  private static Date at(int year, int month, int day, int hour, int minute) {
    return Date.from(
        ZonedDateTime.of(year, month, day, hour, minute, 0, 0, NEW_YORK).toInstant());
  }
}
