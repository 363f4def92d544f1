package org.peerflow.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The days off of an organization besides weekends: yearly rules (computed for any year, so the
 * calendar never runs out) plus single extra dates (a closure, a one-off holiday).
 */
public final class HolidayCalendar {

  /**
   * US federal holidays (5 U.S.C. 6103): fixed-date ones are observed on Friday when they fall on
   * a Saturday and on Monday when they fall on a Sunday.
   */
  public static final List<HolidayRule> US_FEDERAL = List.of(
      new HolidayRule.Fixed(MonthDay.of(1, 1), false), // New Year's Day
      new HolidayRule.Weekday(
          3, DayOfWeek.MONDAY, Month.JANUARY, 0), // Birthday of Martin Luther King, Jr.
      new HolidayRule.Weekday(3, DayOfWeek.MONDAY, Month.FEBRUARY, 0), // Washington's Birthday
      new HolidayRule.Weekday(-1, DayOfWeek.MONDAY, Month.MAY, 0), // Memorial Day
      new HolidayRule.Fixed(MonthDay.of(6, 19), false), // Juneteenth National Independence Day
      new HolidayRule.Fixed(MonthDay.of(7, 4), false), // Independence Day
      new HolidayRule.Weekday(1, DayOfWeek.MONDAY, Month.SEPTEMBER, 0), // Labor Day
      new HolidayRule.Weekday(
          2, DayOfWeek.MONDAY, Month.OCTOBER, 0), // Columbus Day / Indigenous Peoples' Day
      new HolidayRule.Fixed(MonthDay.of(11, 11), false), // Veterans Day
      new HolidayRule.Weekday(4, DayOfWeek.THURSDAY, Month.NOVEMBER, 0), // Thanksgiving Day
      new HolidayRule.Fixed(MonthDay.of(12, 25), false)); // Christmas Day

  /** Rule tables by the name used in {@code peerflow.calendar.rules}. */
  public static final Map<String, List<HolidayRule>> NAMED_RULES = Map.of("us-federal", US_FEDERAL);

  private final List<HolidayRule> rules;
  private final Set<LocalDate> extraDays;
  private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

  public HolidayCalendar(Collection<HolidayRule> rules, Collection<LocalDate> extraDays) {
    this.rules = List.copyOf(rules);
    this.extraDays = Set.copyOf(extraDays);
  }

  /** A calendar of the given dates only: it answers only for the years those dates are in. */
  public static HolidayCalendar ofDates(Collection<LocalDate> dates) {
    return new HolidayCalendar(List.of(), dates);
  }

  public boolean isHoliday(LocalDate date) {
    return holidaysIn(date.getYear()).contains(date);
  }

  /** @return the days off that fall in {@code year}, observed dates included, in order */
  public Set<LocalDate> holidaysIn(int year) {
    return byYear.computeIfAbsent(year, this::compute);
  }

  /**
   * @return whether the calendar knows the holidays of {@code year}: always with a yearly rule;
   *     with single dates only, when one of them is in that year (a list for other years would
   *     silently count every holiday of this one as a business day)
   */
  public boolean answers(int year) {
    return !rules.isEmpty() || extraDays.stream().anyMatch(day -> day.getYear() == year);
  }

  private Set<LocalDate> compute(int year) {
    Set<LocalDate> days = new TreeSet<>();
    for (HolidayRule rule : rules) {
      // an observed date may cross the year end either way (New Year's Day on a Saturday)
      for (int holidayYear = year - 1; holidayYear <= year + 1; holidayYear++) {
        LocalDate observed = rule.observedFor(holidayYear);
        if (observed.getYear() == year) {
          days.add(observed);
        }
      }
    }
    extraDays.stream().filter(day -> day.getYear() == year).forEach(days::add);
    return java.util.Collections.unmodifiableSet(days);
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    rules.forEach(rule -> parts.add(rule.toString()));
    new TreeSet<>(extraDays).forEach(day -> parts.add(day.toString()));
    return parts.toString();
  }
}
