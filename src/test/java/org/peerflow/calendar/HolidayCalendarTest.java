package org.peerflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The US federal rule table against the dates OPM publishes, and the rule syntax for other
 * calendars. Plain unit tests: no Spring, no engine.
 */
class HolidayCalendarTest {

  private final HolidayCalendar federal =
      new HolidayCalendar(HolidayCalendar.US_FEDERAL, List.of());

  @Test
  void federalHolidays2028IncludeVeteransDayObservedOnFridayAndNoNewYearsDay() {
    // 2028-01-01 is a Saturday: observed on Friday 2027-12-31, so 2028 has ten federal holidays
    assertThat(federal.holidaysIn(2028))
        .containsExactly(dates(
            "2028-01-17",
            "2028-02-21",
            "2028-05-29",
            "2028-06-19",
            "2028-07-04",
            "2028-09-04",
            "2028-10-09",
            "2028-11-10",
            "2028-11-23",
            "2028-12-25"));
    assertThat(federal.holidaysIn(2027))
        .contains(
            LocalDate.of(2027, 12, 31),
            LocalDate.of(2027, 12, 24),
            LocalDate.of(2027, 7, 5),
            LocalDate.of(2027, 6, 18));
  }

  @Test
  void federalHolidays2031() {
    assertThat(federal.holidaysIn(2031))
        .containsExactly(dates(
            "2031-01-01",
            "2031-01-20",
            "2031-02-17",
            "2031-05-26",
            "2031-06-19",
            "2031-07-04",
            "2031-09-01",
            "2031-10-13",
            "2031-11-11",
            "2031-11-27",
            "2031-12-25"));
  }

  @Test
  void federalHolidays2035IncludeVeteransDayObservedOnMonday() {
    assertThat(federal.holidaysIn(2035))
        .containsExactly(dates(
            "2035-01-01",
            "2035-01-15",
            "2035-02-19",
            "2035-05-28",
            "2035-06-19",
            "2035-07-04",
            "2035-09-03",
            "2035-10-08",
            "2035-11-12",
            "2035-11-22",
            "2035-12-25"));
  }

  @Test
  void everyYearFrom2026To2035HasElevenWeekdayHolidaysSaveTheNewYearShift() {
    for (int year = 2026; year <= 2035; year++) {
      int thisYear = year;
      Set<LocalDate> days = federal.holidaysIn(year);
      assertThat(days)
          .as("%d", year)
          .allMatch(day -> day.getYear() == thisYear)
          .noneMatch(day ->
              day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY);
      // New Year's Day on a Saturday (2028, 2033) is observed in the year before (2027, 2032)
      int expected = switch (year) {
        case 2027, 2032 -> 12;
        case 2028, 2033 -> 10;
        default -> 11;
      };
      assertThat(days).as("federal holidays in %d: %s", year, days).hasSize(expected);
    }
    assertThat(federal.isHoliday(LocalDate.of(2032, 12, 31))).isTrue();
    assertThat(federal.isHoliday(LocalDate.of(2033, 1, 1)))
        .as("a Saturday, observed the day before")
        .isFalse();
  }

  @Test
  void rulesAnswerEveryYearAndAListOnlyItsOwnYears() {
    assertThat(federal.answers(2026)).isTrue();
    assertThat(federal.answers(2099)).isTrue();
    HolidayCalendar list = HolidayCalendar.ofDates(List.of(LocalDate.of(2026, 12, 25)));
    assertThat(list.answers(2026)).isTrue();
    assertThat(list.answers(2027)).isFalse();
  }

  @Test
  void extraDaysAndStateRulesAddToTheTable() {
    HolidayCalendar massachusetts = new HolidayCalendar(
        Stream.concat(
                HolidayCalendar.US_FEDERAL.stream(),
                Stream.of(
                    HolidayRule.parse("third MONDAY of APRIL"),
                    HolidayRule.parse("fourth thursday of november +1")))
            .toList(),
        List.of(LocalDate.of(2030, 12, 24)));
    assertThat(massachusetts.isHoliday(LocalDate.of(2030, 4, 15)))
        .as("Patriots' Day 2030")
        .isTrue();
    assertThat(massachusetts.isHoliday(LocalDate.of(2030, 11, 29)))
        .as("the day after Thanksgiving 2030")
        .isTrue();
    assertThat(massachusetts.isHoliday(LocalDate.of(2030, 12, 24)))
        .as("an extra day")
        .isTrue();
    assertThat(massachusetts.isHoliday(LocalDate.of(2030, 12, 23))).isFalse();
  }

  @Test
  void ruleSyntax() {
    assertThat(HolidayRule.parse("03-31").observedFor(2029))
        .as("Cesar Chavez Day, a Saturday")
        .isEqualTo("2029-03-30");
    assertThat(HolidayRule.parse("03-31 exact").observedFor(2029)).isEqualTo("2029-03-31");
    assertThat(HolidayRule.parse("last MONDAY of MAY").observedFor(2026)).isEqualTo("2026-05-25");
    assertThat(HolidayRule.parse("first monday of september"))
        .hasToString("first MONDAY of SEPTEMBER");
    assertThatThrownBy(() -> HolidayRule.parse("02-30"))
        .hasMessageContaining("'02-30' is not a yearly holiday rule");
    assertThatThrownBy(() -> HolidayRule.parse("third FUNDAY of MAY"))
        .hasMessageContaining("MM-DD");
  }

  private static LocalDate[] dates(String... isoDates) {
    return Stream.of(isoDates).map(LocalDate::parse).toArray(LocalDate[]::new);
  }
}
