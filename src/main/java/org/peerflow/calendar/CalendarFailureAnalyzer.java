package org.peerflow.calendar;

import org.peerflow.calendar.CalendarConfiguration.CalendarIncompleteException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a calendar that cannot answer the current year as one message, with what to do. */
public class CalendarFailureAnalyzer extends AbstractFailureAnalyzer<CalendarIncompleteException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, CalendarIncompleteException cause) {
    return new FailureAnalysis(
        "Peerflow did not start: " + cause.getMessage() + ".",
        "Set peerflow.calendar.rules=us-federal (holidays computed for every year), or list the holidays of "
            + cause.year + " in peerflow.calendar.holidays. README.md, section Configuration.",
        cause);
  }
}
