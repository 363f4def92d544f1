package org.peerflow.bench;

import java.util.List;

/** The process walks the throughput benchmark runs, in this order. */
final class Walks {

  /**
   * Extension point: add a {@link ProcessWalk} per process (e.g. an AccommodationRequestWalk and an
   * InformedConsentWalk once those processes exist); the benchmark, its baseline and the table
   * pick it up without further change. {@code -Dbench.walks=name,...} runs a subset.
   */
  static final List<ProcessWalk> ALL = List.of(new FairChanceHiringWalk());

  private Walks() {
  }

  static List<ProcessWalk> selected() {
    String only = System.getProperty("bench.walks", "");
    if (only.isBlank()) {
      return ALL;
    }
    List<String> names = List.of(only.split(","));
    return ALL.stream().filter(w -> names.contains(w.name())).toList();
  }
}
