package org.peerflow.calendar;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the business-day calendar available to BPMN and DMN expressions as {@code businessDays}. */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(CalendarConfiguration.class);

  /** "Now" is the engine's clock, so tests that move ClockUtil move the calendar with it. */
  @Bean
  BusinessDays businessDays(CalendarProperties properties) {
    return create(properties, ClockUtil::getCurrentTime);
  }

  /**
   * @throws CalendarIncompleteException when the calendar does not know this year's holidays:
   *     every due date would then silently count them as business days
   */
  static BusinessDays create(CalendarProperties properties, Supplier<Date> now) {
    HolidayCalendar calendar = new HolidayCalendar(rules(properties), properties.holidays());
    int thisYear = now.get().toInstant().atZone(properties.zone()).getYear();
    if (!calendar.answers(thisYear)) {
      throw new CalendarIncompleteException(thisYear);
    }
    if (!calendar.answers(thisYear + 1)) {
      LOG.warn(
          "PEERFLOW-CAL-001 peerflow.calendar.holidays lists no day in {}: due dates that reach into {} "
              + "will count its holidays as business days; configure peerflow.calendar.rules",
          thisYear + 1,
          thisYear + 1);
    }
    LOG.info(
        "PEERFLOW-CAL-002 Holidays in {} ({}): {}",
        thisYear,
        properties.zone(),
        calendar.holidaysIn(thisYear));
    return new BusinessDays(properties.zone(), calendar, now);
  }

  private static List<HolidayRule> rules(CalendarProperties properties) {
    List<HolidayRule> rules = new ArrayList<>();
    for (String name : properties.rules()) {
      String key = name.trim().toLowerCase(Locale.ROOT);
      if (key.isEmpty() || key.equals("none")) {
        continue;
      }
      List<HolidayRule> table = HolidayCalendar.NAMED_RULES.get(key);
      if (table == null) {
        throw new IllegalArgumentException("peerflow.calendar.rules: unknown holiday table '" + name
            + "'; known: " + HolidayCalendar.NAMED_RULES.keySet() + " or none");
      }
      rules.addAll(table);
    }
    properties.yearlyHolidays().forEach(rule -> rules.add(HolidayRule.parse(rule)));
    return rules;
  }

  /** Thrown at start-up; {@link CalendarFailureAnalyzer} prints it as one message. */
  static class CalendarIncompleteException extends IllegalStateException {
    final int year;

    CalendarIncompleteException(int year) {
      super("The business-day calendar cannot answer for " + year
          + ": peerflow.calendar.rules is none and "
          + "peerflow.calendar.holidays lists no day in " + year + ", so every holiday of " + year
          + " would count as a business day");
      this.year = year;
    }
  }
}
