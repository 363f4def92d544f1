package org.peerflow.accommodation;

import java.util.Date;
import org.peerflow.calendar.BusinessDays;
import org.springframework.stereotype.Component;

/**
 * The paused decision clock: how many business days a case spent waiting for documentation, so
 * that the decision due date moves later by exactly that many business days. Used from BPMN as
 * {@code ${accommodationClock.businessDaysBetween(documentationRequestedAt, now())}}.
 */
// public: JUEL invokes methods of beans only on public classes
@Component("accommodationClock")
public class AccommodationClock {

  private final BusinessDays businessDays;

  AccommodationClock(BusinessDays businessDays) {
    this.businessDays = businessDays;
  }

  /** @return the number of whole business days from {@code from} until {@code until} (0 when until is earlier) */
  public int businessDaysBetween(Object from, Object until) {
    Date end = (Date) until;
    int days = 0;
    while (!businessDays.after(from, days + 1).after(end)) {
      days++;
    }
    return days;
  }
}
