package org.peerflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain unit tests: no Spring, no engine. */
class BusinessDaysTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final LocalDate THANKSGIVING = LocalDate.of(2026, 11, 26);
  private static final LocalDate INDEPENDENCE_DAY_OBSERVED = LocalDate.of(2026, 7, 3); // a Friday
  private static final LocalDate CHRISTMAS = LocalDate.of(2026, 12, 25); // a Friday
  private static final LocalDate NEW_YEAR = LocalDate.of(2027, 1, 1); // a Friday

  private Date now = at(2026, 11, 16, 10, 0); // a Monday
  private final BusinessDays days = new BusinessDays(
      NEW_YORK, List.of(INDEPENDENCE_DAY_OBSERVED, THANKSGIVING, CHRISTMAS, NEW_YEAR), () -> now);

  @Test
  void fiveBusinessDaysFromMondayIsNextMondayAtTheSameTime() {
    assertThat(days.after(5)).isEqualTo(at(2026, 11, 23, 10, 0));
  }

  @Test
  void weekendsAreSkipped() {
    Date thursday = at(2026, 11, 5, 9, 30);
    assertThat(days.after(thursday, 1)).isEqualTo(at(2026, 11, 6, 9, 30));
    assertThat(days.after(thursday, 2)).isEqualTo(at(2026, 11, 9, 9, 30));
    assertThat(days.after(thursday, 5)).isEqualTo(at(2026, 11, 12, 9, 30));
  }

  @Test
  void holidaysAreSkipped() {
    Date wednesdayBeforeThanksgiving = at(2026, 11, 25, 14, 0);
    assertThat(days.after(wednesdayBeforeThanksgiving, 1)).isEqualTo(at(2026, 11, 27, 14, 0));
    assertThat(days.after(wednesdayBeforeThanksgiving, 2)).isEqualTo(at(2026, 11, 30, 14, 0));
  }

  @Test
  void aHolidayOnFridayJoinsTheWeekend() {
    Date thursday = at(2026, 7, 2, 16, 45);
    assertThat(days.after(thursday, 1)).isEqualTo(at(2026, 7, 6, 16, 45));
    assertThat(days.isBusinessDay(at(2026, 7, 3, 12, 0))).isFalse();
  }

  @Test
  void countingCrossesTheYearEnd() {
    Date christmasEve = at(2026, 12, 24, 8, 0);
    // skips Fri 25 (holiday), the weekend, Mon 28 .. Thu 31 count, Fri 1 Jan (holiday), the weekend
    assertThat(days.after(christmasEve, 4)).isEqualTo(at(2026, 12, 31, 8, 0));
    assertThat(days.after(christmasEve, 5)).isEqualTo(at(2027, 1, 4, 8, 0));
  }

  @Test
  void zeroDaysIsTheStartItselfOnABusinessDay() {
    Date tuesday = at(2026, 11, 17, 11, 0);
    assertThat(days.after(tuesday, 0)).isEqualTo(tuesday);
  }

  @Test
  void zeroDaysFromANonBusinessDayIsTheNextBusinessDay() {
    Date saturday = at(2026, 11, 21, 11, 0);
    assertThat(days.after(saturday, 0)).isEqualTo(at(2026, 11, 23, 11, 0));
  }

  @Test
  void aStartOnANonBusinessDayCountsFromTheNextBusinessDay() {
    Date friday = at(2026, 11, 20, 11, 0);
    Date saturday = at(2026, 11, 21, 11, 0);
    Date sunday = at(2026, 11, 22, 11, 0);
    assertThat(days.after(saturday, 1)).isEqualTo(at(2026, 11, 23, 11, 0));
    assertThat(days.after(sunday, 1)).isEqualTo(days.after(friday, 1));
    assertThat(days.after(at(2026, 11, 26, 11, 0), 1)).isEqualTo(at(2026, 11, 27, 11, 0));
  }

  @Test
  void beforeCountsBackwardsForReminders() {
    Date monday = at(2026, 11, 30, 17, 0);
    assertThat(days.before(monday, 1)).isEqualTo(at(2026, 11, 27, 17, 0));
    assertThat(days.before(monday, 2)).isEqualTo(at(2026, 11, 25, 17, 0));
    assertThat(days.before(at(2026, 11, 29, 17, 0), 0)).isEqualTo(at(2026, 11, 27, 17, 0));
  }

  @Test
  void theTimeOfDayIsKeptAcrossADaylightSavingChange() {
    Date fridayBeforeDstEnds = at(2026, 10, 30, 9, 0); // DST ends Sunday 1 November 2026
    assertThat(days.after(fridayBeforeDstEnds, 1)).isEqualTo(at(2026, 11, 2, 9, 0));
  }

  @Test
  void daysAreCountedInTheConfiguredZone() {
    // 02:00 UTC on Saturday is still Friday evening in New York
    Date fridayEveningInNewYork =
        Date.from(ZonedDateTime.of(2026, 11, 21, 2, 0, 0, 0, ZoneId.of("UTC")).toInstant());
    assertThat(days.isBusinessDay(fridayEveningInNewYork)).isTrue();
    assertThat(days.after(fridayEveningInNewYork, 1)).isEqualTo(at(2026, 11, 23, 21, 0));
  }

  @Test
  void isoStringsAndJavaTimeValuesAreAccepted() {
    assertThat(days.after("2026-11-19T10:00", 1)).isEqualTo(at(2026, 11, 20, 10, 0));
    assertThat(days.after("2026-11-19T15:00:00Z", 1)).isEqualTo(at(2026, 11, 20, 10, 0));
    assertThat(days.after(LocalDateTime.of(2026, 11, 19, 10, 0), 1))
        .isEqualTo(at(2026, 11, 20, 10, 0));
    // a date without a time of day runs to the end of that day
    assertThat(days.after("2026-11-19", 1))
        .isEqualTo(
            Date.from(ZonedDateTime.of(2026, 11, 20, 23, 59, 59, 0, NEW_YORK).toInstant()));
    assertThat(days.isBusinessDay(LocalDate.of(2026, 11, 26))).isFalse();
  }

  @Test
  void durationIsTheTimeUntilTheDueDate() {
    now = at(2026, 11, 20, 10, 0); // Friday
    assertThat(days.duration(1)).isEqualTo("PT72H");
    assertThat(days.duration(0)).isEqualTo("PT0S");
  }

  @Test
  void unusableArgumentsAreRefusedWithAClearMessage() {
    assertThatThrownBy(() -> days.after(now, -1)).hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> days.after(null, 1)).hasMessageContaining("is null");
    assertThatThrownBy(() -> days.after("next week", 1))
        .hasMessageContaining("not an ISO 8601 date");
  }

  /** The US federal rule table, so that dates years ahead count their holidays too. */
  private final BusinessDays federal = new BusinessDays(
      NEW_YORK, new HolidayCalendar(HolidayCalendar.US_FEDERAL, List.of()), () -> now);

  @Test
  void in2028NewYearsDayObservedOnFridayDecember31AndVeteransDayOnFriday() {
    // 2028-01-01 is a Saturday: the day off is Friday 2027-12-31
    assertThat(federal.after(at(2027, 12, 30, 10, 0), 1)).isEqualTo(at(2028, 1, 3, 10, 0));
    assertThat(federal.isBusinessDay(at(2027, 12, 31, 12, 0))).isFalse();
    // 2028-11-11 is a Saturday: observed on Friday 2028-11-10
    assertThat(federal.after(at(2028, 11, 9, 10, 0), 1)).isEqualTo(at(2028, 11, 13, 10, 0));
    assertThat(federal.before(at(2028, 11, 13, 10, 0), 1)).isEqualTo(at(2028, 11, 9, 10, 0));
  }

  @Test
  void in2031ThanksgivingAndIndependenceDayAreSkipped() {
    assertThat(federal.after(at(2031, 11, 26, 9, 0), 1)).isEqualTo(at(2031, 11, 28, 9, 0));
    assertThat(federal.after(at(2031, 11, 26, 9, 0), 2)).isEqualTo(at(2031, 12, 1, 9, 0));
    assertThat(federal.after(at(2031, 7, 3, 9, 0), 1)).isEqualTo(at(2031, 7, 7, 9, 0));
  }

  @Test
  void in2035VeteransDayOnSundayIsObservedOnMonday() {
    // 2035-11-11 is a Sunday: observed on Monday 2035-11-12
    assertThat(federal.isBusinessDay(at(2035, 11, 12, 12, 0))).isFalse();
    assertThat(federal.after(at(2035, 11, 8, 15, 0), 5)).isEqualTo(at(2035, 11, 16, 15, 0));
  }

  private static Date at(int year, int month, int day, int hour, int minute) {
    return Date.from(
        ZonedDateTime.of(year, month, day, hour, minute, 0, 0, NEW_YORK).toInstant());
  }
}
