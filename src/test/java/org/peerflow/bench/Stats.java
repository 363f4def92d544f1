package org.peerflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies in milliseconds and their percentiles (nearest rank). */
final class Stats {

  private final List<Double> samples = Collections.synchronizedList(new ArrayList<>());

  void add(double millis) {
    samples.add(millis);
  }

  int count() {
    return samples.size();
  }

  double percentile(double p) {
    List<Double> sorted;
    synchronized (samples) {
      sorted = new ArrayList<>(samples);
    }
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  String p(double p) {
    return ms(percentile(p));
  }

  static String ms(double millis) {
    return Double.isNaN(millis)
        ? "n/a"
        : millis < 10 ? String.format("%.1f ms", millis) : String.format("%.0f ms", millis);
  }
}
