package org.peerflow.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The organization's working calendar.
 *
 * @param zone the time zone in which dates are counted (a day starts and ends at midnight there)
 * @param rules named tables of yearly holidays ({@code us-federal}); {@code none} or empty for no
 *     table
 * @param yearlyHolidays further yearly holidays, e.g. a state's: {@code third MONDAY of APRIL}
 *     (Patriots' Day), {@code 03-31} (Cesar Chavez Day), {@code fourth THURSDAY of NOVEMBER +1}
 *     (see {@link HolidayRule#parse})
 * @param holidays extra single days off as ISO dates ({@code 2026-12-24}), besides the rules
 */
@ConfigurationProperties("peerflow.calendar")
record CalendarProperties(
    @DefaultValue("America/New_York") ZoneId zone,
    @DefaultValue("us-federal") List<String> rules,
    @DefaultValue({}) List<String> yearlyHolidays,
    @DefaultValue({}) List<LocalDate> holidays) {}
