package org.peerflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One section of the results: a Markdown table (figure, value, baseline or note) written to
 * {@code target/bench/<file>.md} and printed; {@link BenchResults} assembles the sections into
 * bench/RESULTS.md at the end of the run.
 */
final class BenchReport {

  static final Path DIR = Path.of("target", "bench");

  private final String file;
  private final String title;
  private final List<String> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  BenchReport(String file, String title) {
    this.file = file;
    this.title = title;
  }

  synchronized void row(String part, String figure, String value, String note) {
    rows.add("| " + part + " | " + figure + " | " + value + " | " + note + " |");
    write();
  }

  synchronized void note(String text) {
    notes.add(text);
    write();
  }

  String markdown() {
    StringBuilder out = new StringBuilder("### " + title
        + "\n\n| Part | Figure | Value | Baseline / note |\n| --- | --- | --- | --- |\n");
    rows.forEach(r -> out.append(r).append('\n'));
    if (!notes.isEmpty()) {
      out.append('\n');
      notes.forEach(n -> out.append("- ").append(n).append('\n'));
    }
    return out.toString();
  }

  private void write() {
    try {
      Files.createDirectories(DIR);
      Files.writeString(DIR.resolve(file + ".md"), markdown());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void print() {
    System.out.println("\n" + markdown());
  }
}
