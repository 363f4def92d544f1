package org.peerflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerflow.calendar.CalendarConfiguration.CalendarIncompleteException;

/**
 * How the configured calendar becomes the {@code businessDays} bean, and when start-up is refused.
 * Plain unit tests; the failure analyzer's message is what an operator reads.
 */
class CalendarConfigurationTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Date IN_2031 =
      Date.from(ZonedDateTime.of(2031, 3, 3, 9, 0, 0, 0, NEW_YORK).toInstant());

  @Test
  void aHolidayListThatEndsBeforeThisYearRefusesToStart() {
    CalendarProperties listUpTo2027 = new CalendarProperties(
        NEW_YORK,
        List.of("none"),
        List.of(),
        List.of(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 12, 24)));

    assertThatThrownBy(() -> CalendarConfiguration.create(listUpTo2027, () -> IN_2031))
        .isInstanceOf(CalendarIncompleteException.class)
        .hasMessageContaining("cannot answer for 2031");
    CalendarIncompleteException failure = new CalendarIncompleteException(2031);
    assertThat(new CalendarFailureAnalyzer().analyze(failure).getAction())
        .contains("peerflow.calendar.rules=us-federal", "holidays of 2031");
  }

  @Test
  void theFederalRulesAnswerAnyYearAndExtraDaysAreAdded() {
    CalendarProperties federal = new CalendarProperties(
        NEW_YORK,
        List.of("us-federal"),
        List.of("third MONDAY of APRIL"),
        List.of(LocalDate.of(2031, 12, 26)));

    BusinessDays days = CalendarConfiguration.create(federal, () -> IN_2031);

    assertThat(days.holidaysIn(2031))
        .contains(
            LocalDate.of(2031, 4, 21), LocalDate.of(2031, 12, 26), LocalDate.of(2031, 11, 27));
    assertThat(days.holidaysIn(2040)).contains(LocalDate.of(2040, 11, 22));
  }

  @Test
  void anUnknownRuleTableIsNamed() {
    CalendarProperties typo =
        new CalendarProperties(NEW_YORK, List.of("us-fedral"), List.of(), List.of());

    assertThatThrownBy(() -> CalendarConfiguration.create(typo, () -> IN_2031))
        .hasMessageContaining("unknown holiday table 'us-fedral'");
  }
}
