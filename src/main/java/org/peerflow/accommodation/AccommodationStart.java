package org.peerflow.accommodation;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.peerflow.calendar.BusinessDays;
import org.peerflow.cases.StartVariables;
import org.springframework.stereotype.Component;

/**
 * Start of {@code accommodation-request}: which of the three ways in (employee or representative,
 * supervisor referral, applicant), who is asking, when and by which channel. The way in is what the
 * person recording it says: a request an employee makes to a supervisor is a request, not a
 * referral (EEOC Enforcement Guidance on Reasonable Accommodation, Q3: a request to a supervisor is
 * a request to the employer), so a supervisor may record either. An applicant's request from the
 * hiring process arrives with {@code applicantName} and {@code applicantEmail}. The employee's
 * supervisor ({@code supervisorId}, who approves the accommodation) is optional and defaults to the
 * supervisor who records the case. The case id is generated when there is none.
 */
@Component("accommodationStart")
class AccommodationStart implements ExecutionListener {

  static final String EMPLOYEE = "employee";
  static final String REFERRAL = "referral";
  static final String APPLICANT = "applicant";
  private static final Set<String> PATHS = Set.of(EMPLOYEE, REFERRAL, APPLICANT);

  private final BusinessDays businessDays;

  AccommodationStart(BusinessDays businessDays) {
    this.businessDays = businessDays;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Authentication starter =
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String startedBy = starter == null ? "system" : starter.getUserId();
    String path = requestPath(execution);

    String name = StartVariables.requiredText(
        execution, "employeeName", "the name of the person the request is for");
    StartVariables.requiredEmail(
        execution, "employeeEmail", "where the acknowledgement and the decision go");
    String channel = switch (path) {
      case REFERRAL -> "supervisor referral";
      case APPLICANT -> textOr(execution, "channel", "application process");
      default ->
        StartVariables.requiredText(
            execution,
            "channel",
            "how the request reached us: in person, phone, e-mail, letter, form or through someone else");
    };
    String requestedBy = switch (path) {
      case REFERRAL -> startedBy;
      default -> textOr(execution, "requestedBy", name);
    };

    execution.setVariable("requestPath", path);
    execution.setVariable("channel", channel);
    execution.setVariable("requestedBy", requestedBy);
    execution.setVariable("startedBy", startedBy);
    execution.setVariable("supervisorId", supervisorId(execution, starter, startedBy));
    execution.setVariable("requestDate", requestDate(execution.getVariable("requestDate")));
    execution.setVariable(
        "accommodationPolicy", textOr(execution, "accommodationPolicy", "default"));
    execution.setVariable("reconsidered", false);
    execution.setVariable("documentationWaitDays", 0);
    StartVariables.businessKeyOrNew(execution, "RA");
  }

  private String requestPath(DelegateExecution execution) {
    if (execution.getVariable("employeeEmail") == null
        && execution.getVariable("applicantEmail") != null) {
      // called from the hiring process: the applicant is the person the request is for
      execution.setVariable("employeeName", execution.getVariable("applicantName"));
      execution.setVariable("employeeEmail", execution.getVariable("applicantEmail"));
      return APPLICANT;
    }
    String path = textOr(execution, "requestPath", EMPLOYEE);
    if (!PATHS.contains(path)) {
      throw new BadUserRequestException(
          "The start variable 'requestPath' must be one of employee, referral or applicant, not '"
              + path + "'.");
    }
    return path;
  }

  /**
   * The employee's supervisor, who approves the accommodation: the start variable, else the
   * supervisor who records the case, else none (any member of supervisors then). An unknown user id is refused.
   */
  private static String supervisorId(
      DelegateExecution execution, Authentication starter, String startedBy) {
    Object given = execution.getVariable("supervisorId");
    if (given == null || given.toString().isBlank()) {
      return isSupervisorOnly(starter) ? startedBy : null;
    }
    String id = given.toString().trim();
    if (execution
            .getProcessEngineServices()
            .getIdentityService()
            .createUserQuery()
            .userId(id)
            .count()
        == 0) {
      throw new BadUserRequestException("The start variable 'supervisorId' names no user: '" + id
          + "' (the user id of the employee's supervisor, who approves the accommodation).");
    }
    return id;
  }

  private static boolean isSupervisorOnly(Authentication starter) {
    List<String> groups =
        starter == null || starter.getGroupIds() == null ? List.of() : starter.getGroupIds();
    return groups.contains("supervisors") && !groups.contains("hr");
  }

  private Date requestDate(Object value) {
    Date now = ClockUtil.getCurrentTime();
    if (value == null || value.toString().isBlank()) {
      return now;
    }
    if (value instanceof Date date) {
      return date;
    }
    try {
      // a date from the start form ("2026-03-02"): that day, at the time the request is recorded
      LocalDate day = LocalDate.parse(value
          .toString()
          .trim()
          .substring(0, Math.min(10, value.toString().trim().length())));
      ZonedDateTime at = now.toInstant().atZone(businessDays.zone());
      return Date.from(at.with(day).toInstant());
    } catch (DateTimeParseException e) {
      throw new BadUserRequestException(
          "The start variable 'requestDate' is not a date (expected e.g. 2026-03-02).");
    }
  }

  private static String textOr(DelegateExecution execution, String name, String fallback) {
    Object value = execution.getVariable(name);
    return value == null || value.toString().isBlank()
        ? fallback
        : value.toString().trim();
  }
}
