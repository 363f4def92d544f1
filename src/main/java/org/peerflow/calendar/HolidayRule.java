package org.peerflow.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A holiday that comes back every year: on a fixed date (moved to Friday when it falls on a
 * Saturday and to Monday when it falls on a Sunday, as US federal and most state holidays are
 * observed), or on the n-th or last given weekday of a month, optionally some days later (the day
 * after Thanksgiving).
 *
 * <p>Written in configuration as {@code 07-04} (fixed, observed), {@code 07-04 exact} (fixed, never
 * moved), {@code third MONDAY of APRIL}, {@code last MONDAY of MAY} or
 * {@code fourth THURSDAY of NOVEMBER +1}.
 */
public sealed interface HolidayRule {

  /**
   * @return the day off for the holiday of {@code year}; an observed date may fall in another year
   *     (New Year's Day 2028 is a Saturday and observed on Friday 2027-12-31)
   */
  LocalDate observedFor(int year);

  /** A fixed date, observed on the nearest weekday when it falls on a weekend unless {@code exact}. */
  record Fixed(MonthDay date, boolean exact) implements HolidayRule {
    @Override
    public LocalDate observedFor(int year) {
      LocalDate actual = date.atYear(year);
      if (exact) {
        return actual;
      }
      return switch (actual.getDayOfWeek()) {
        case SATURDAY -> actual.minusDays(1);
        case SUNDAY -> actual.plusDays(1);
        default -> actual;
      };
    }

    @Override
    public String toString() {
      return String.format(
          "%02d-%02d%s", date.getMonthValue(), date.getDayOfMonth(), exact ? " exact" : "");
    }
  }

  /**
   * The {@code ordinal}-th {@code day} of {@code month} (1 to 4; -1 for the last), plus
   * {@code daysAfter} days.
   */
  record Weekday(int ordinal, DayOfWeek day, Month month, int daysAfter) implements HolidayRule {
    @Override
    public LocalDate observedFor(int year) {
      LocalDate first = LocalDate.of(year, month, 1);
      LocalDate date = ordinal == -1
          ? first.with(TemporalAdjusters.lastInMonth(day))
          : first.with(TemporalAdjusters.dayOfWeekInMonth(ordinal, day));
      return date.plusDays(daysAfter);
    }

    @Override
    public String toString() {
      return ORDINALS[ordinal == -1 ? 0 : ordinal] + " " + day + " of " + month
          + (daysAfter == 0 ? "" : " +" + daysAfter);
    }
  }

  String[] ORDINALS = {"last", "first", "second", "third", "fourth"};

  Pattern FIXED = Pattern.compile("(\\d\\d-\\d\\d)(\\s+exact)?");
  Pattern WEEKDAY = Pattern.compile(
      "(first|second|third|fourth|last)\\s+([a-z]+)\\s+of\\s+([a-z]+)(\\s*\\+\\s*(\\d+))?");

  /**
   * Reads a rule as written in configuration (see the class comment).
   *
   * @throws IllegalArgumentException naming the rule and the accepted forms
   */
  static HolidayRule parse(String text) {
    String rule = text.trim().toLowerCase(Locale.ROOT);
    try {
      Matcher fixed = FIXED.matcher(rule);
      if (fixed.matches()) {
        return new Fixed(MonthDay.parse("--" + fixed.group(1)), fixed.group(2) != null);
      }
      Matcher weekday = WEEKDAY.matcher(rule);
      if (weekday.matches()) {
        int ordinal = java.util.List.of(ORDINALS).indexOf(weekday.group(1));
        return new Weekday(
            ordinal == 0 ? -1 : ordinal,
            DayOfWeek.valueOf(weekday.group(2).toUpperCase(Locale.ROOT)),
            Month.valueOf(weekday.group(3).toUpperCase(Locale.ROOT)),
            weekday.group(5) == null ? 0 : Integer.parseInt(weekday.group(5)));
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      // an unknown day or month name, or a date such as 02-30: reported below with the accepted
      // forms
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a yearly holiday rule; write MM-DD (07-04, moved to "
            + "Friday or Monday when on a weekend), MM-DD exact, 'third MONDAY of APRIL', 'last MONDAY of MAY' "
            + "or 'fourth THURSDAY of NOVEMBER +1'");
  }
}
