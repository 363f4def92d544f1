package org.peerflow.consent;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.peerflow.calendar.BusinessDays;
import org.springframework.stereotype.Component;

/** Court-path dates: a hearing deadline in calendar days, the Rogers review a year after a plan date (business time zone). */
// public: called from BPMN expressions (JUEL needs a public class)
@Component("consentDates")
public class ConsentDates {

  private final BusinessDays businessDays;

  ConsentDates(BusinessDays businessDays) {
    this.businessDays = businessDays;
  }

  public Date daysFromNow(int days) {
    // calendar days at the same local time, across a daylight-saving change too
    return Date.from(ClockUtil.getCurrentTime()
        .toInstant()
        .atZone(businessDays.zone())
        .plusDays(days)
        .toInstant());
  }

  /** @param date a {@link Date} or a form date ({@code 2026-03-02}); the result is at 09:00 in the business time zone */
  public Date yearAfter(Object date) {
    LocalDate day;
    if (date instanceof Date value) {
      day = value.toInstant().atZone(businessDays.zone()).toLocalDate();
    } else if (date != null) {
      try {
        day = LocalDate.parse(
            date.toString().substring(0, Math.min(10, date.toString().length())));
      } catch (DateTimeParseException e) {
        throw new BadUserRequestException("'" + date + "' is not a date (expected 2026-03-02).");
      }
    } else {
      throw new BadUserRequestException("The plan's approval date is missing.");
    }
    return Date.from(
        ZonedDateTime.of(day.plusYears(1).atTime(9, 0), businessDays.zone()).toInstant());
  }
}
