package org.peerflow.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Business-day arithmetic for due dates and timers, used in BPMN as the bean {@code businessDays}:
 *
 * <pre>
 *   camunda:dueDate="${businessDays.after(5)}"                 5 business days from now
 *   &lt;timeDate&gt;${businessDays.after(requestedOn, 15)}&lt;/timeDate&gt;  15 business days from a variable
 *   &lt;timeDuration&gt;${businessDays.duration(10)}&lt;/timeDuration&gt;     the same as an ISO 8601 duration
 *   ${businessDays.isBusinessDay(someDate)}
 * </pre>
 *
 * <p>Saturdays, Sundays and the days off of the {@link HolidayCalendar} are not business days. Days are counted in the
 * configured time zone and the time of day is kept: 5 business days after Thursday 10:00 is the
 * following Thursday 10:00 (later, if a holiday falls in between).
 *
 * <p>Counting: {@code after(start, n)} is the n-th business day <em>after</em> the start's date;
 * the start's own date never counts, whether it is a business day or not. So a request that
 * arrives on Saturday has the same deadline as one that arrived on Friday: 1 business day after
 * either is Monday. {@code after(start, 0)} is the start itself when it falls on a business day,
 * otherwise the next business day at the same time of day. {@code before} counts backwards the
 * same way (for reminders ahead of a due date).
 *
 * <p>A start may be a {@link Date}, a java.time value, or an ISO 8601 string (Camunda Forms store
 * dates as strings such as {@code 2026-11-19}). A date without a time of day means the end of that
 * day (23:59:59), so a deadline given as a date runs until the day is over.
 */
public class BusinessDays {

  private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

  private final ZoneId zone;
  private final HolidayCalendar holidays;
  private final Supplier<Date> now;

  /**
   * @param zone the time zone in which days are counted
   * @param holidays the days off besides weekends
   * @param now the current time (Peerflow passes the engine's ClockUtil)
   */
  public BusinessDays(ZoneId zone, HolidayCalendar holidays, Supplier<Date> now) {
    this.zone = zone;
    this.holidays = holidays;
    this.now = now;
  }

  /** With a fixed list of holidays and no yearly rule. */
  public BusinessDays(ZoneId zone, Collection<LocalDate> holidays, Supplier<Date> now) {
    this(zone, HolidayCalendar.ofDates(holidays), now);
  }

  /** @return the moment {@code days} business days from now */
  public Date after(int days) {
    return after(now.get(), days);
  }

  /** @return the moment {@code days} business days after {@code start}, at the same time of day */
  public Date after(Object start, int days) {
    requireNotNegative(days);
    ZonedDateTime from = toZoned(start);
    LocalDate date = from.toLocalDate();
    if (days == 0) {
      while (!isBusinessDay(date)) {
        date = date.plusDays(1);
      }
    }
    for (int counted = 0; counted < days; ) {
      date = date.plusDays(1);
      if (isBusinessDay(date)) {
        counted++;
      }
    }
    return at(date, from);
  }

  /** @return the moment {@code days} business days before {@code end}, at the same time of day */
  public Date before(Object end, int days) {
    requireNotNegative(days);
    ZonedDateTime from = toZoned(end);
    LocalDate date = from.toLocalDate();
    if (days == 0) {
      while (!isBusinessDay(date)) {
        date = date.minusDays(1);
      }
    }
    for (int counted = 0; counted < days; ) {
      date = date.minusDays(1);
      if (isBusinessDay(date)) {
        counted++;
      }
    }
    return at(date, from);
  }

  /**
   * For timers that take a duration ({@code timeDuration}, or a boundary event modelled that way):
   * the time from now until {@link #after(int)}, as an ISO 8601 duration such as {@code PT168H}.
   * The duration is computed when the timer is created, like any timer expression.
   */
  public String duration(int days) {
    Date start = now.get();
    Duration duration = Duration.between(start.toInstant(), after(start, days).toInstant());
    return duration.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** @return whether the day of {@code moment}, in the configured zone, is a business day */
  public boolean isBusinessDay(Object moment) {
    return isBusinessDay(toZoned(moment).toLocalDate());
  }

  boolean isBusinessDay(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.isHoliday(date);
  }

  public ZoneId zone() {
    return zone;
  }

  /** @return the days off in {@code year} besides weekends, in order */
  public Set<LocalDate> holidaysIn(int year) {
    return holidays.holidaysIn(year);
  }

  private Date at(LocalDate date, ZonedDateTime timeOfDay) {
    // ZonedDateTime.of moves a time that a daylight-saving change skips forward by the gap
    return Date.from(ZonedDateTime.of(date, timeOfDay.toLocalTime(), zone).toInstant());
  }

  private ZonedDateTime toZoned(Object value) {
    if (value == null) {
      throw new IllegalArgumentException(
          "businessDays: the start date is null (is the variable set?)");
    }
    if (value instanceof Date date) {
      return date.toInstant().atZone(zone);
    }
    if (value instanceof Instant instant) {
      return instant.atZone(zone);
    }
    if (value instanceof ZonedDateTime zoned) {
      return zoned.withZoneSameInstant(zone);
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.atZoneSameInstant(zone);
    }
    if (value instanceof LocalDateTime local) {
      return local.atZone(zone);
    }
    if (value instanceof LocalDate date) {
      return date.atTime(END_OF_DAY).atZone(zone);
    }
    if (value instanceof CharSequence text) {
      return parse(text.toString().trim());
    }
    throw new IllegalArgumentException("businessDays: cannot read a date from a "
        + value.getClass().getName() + "; use a Date, a java.time value or an ISO 8601 string");
  }

  private ZonedDateTime parse(String text) {
    try {
      if (text.length() == 10) {
        return toZoned(LocalDate.parse(text));
      }
      if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return toZoned(OffsetDateTime.parse(text));
      }
      return toZoned(LocalDateTime.parse(text));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "businessDays: '" + text
              + "' is not an ISO 8601 date (2026-11-19) or date-time (2026-11-19T10:00, 2026-11-19T15:00:00Z)",
          e);
    }
  }

  private static void requireNotNegative(int days) {
    if (days < 0) {
      throw new IllegalArgumentException(
          "businessDays: the number of business days must not be negative, was " + days
              + "; use before(date, days) to count backwards");
    }
  }
}
