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
 * @param holidays ISO dates ({@code 2026-12-25}) that are not business days, besides Saturdays and
 *     Sundays; list every year in use, there is no rule for movable holidays
 */
@ConfigurationProperties("peerflow.calendar")
record CalendarProperties(
    @DefaultValue("America/New_York") ZoneId zone,
    @DefaultValue({}) List<LocalDate> holidays) {}
