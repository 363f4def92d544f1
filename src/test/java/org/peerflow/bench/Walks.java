package org.peerflow.bench;

import java.util.List;

/** The process walks the throughput benchmark runs, in this order. */
final class Walks {

  /**
   * Extension point: one {@link ProcessWalk} per process, each reusing that process's test walk;
   * the benchmark, its baseline and the table pick a new one up without further change.
   * {@code -Dbench.walks=name,...} runs a subset.
   */
  static final List<ProcessWalk> ALL = List.of(
      new FairChanceHiringWalk(), new AccommodationRequestWalk(), new InformedConsentWalk());

  private Walks() {}

  static List<ProcessWalk> selected() {
    String only = System.getProperty("bench.walks", "");
    if (only.isBlank()) {
      return ALL;
    }
    List<String> names = List.of(only.split(","));
    return ALL.stream().filter(w -> names.contains(w.name())).toList();
  }
}
