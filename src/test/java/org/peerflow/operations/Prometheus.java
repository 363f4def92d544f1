package org.peerflow.operations;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one sample from Prometheus' text format. */
final class Prometheus {

  private Prometheus() {}

  /**
   * @param series the metric name with its labels as exported, e.g.
   *     {@code peerflow_tasks_overdue{process="calendar-demo"}}
   * @return its value, or 0 when the series is not exported (a gauge row without cases)
   */
  static double value(String exposition, String series) {
    Matcher line =
        Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
    return line.find() ? Double.parseDouble(line.group(1)) : 0;
  }
}
