package org.peerflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The last step of the bench run: assembles target/bench/*.md into bench/RESULTS.md and prints it.
 * Everything in the old file from {@link #KEPT} on — what we found and changed because of the
 * numbers, written by hand — is kept below the new tables.
 */
class BenchResults {

  static final String KEPT = "<!-- Written by hand, kept by every bench run: -->";

  @Test
  void writeResults() throws Exception {
    StringBuilder out = new StringBuilder("# Benchmark results\n\n");
    out.append("- Command: `")
        .append(System.getProperty("bench.command", "mvn -B -Pbench verify"))
        .append("`\n");
    out.append("- Date: ")
        .append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
        .append('\n');
    out.append("- Machine: ")
        .append(cpu())
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(memory())
        .append(", ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append(", Java ")
        .append(System.getProperty("java.version"))
        .append('\n');
    out.append("- Load average at the end: ")
        .append(Files.readString(Path.of("/proc/loadavg")).strip())
        .append(" (")
        .append(System.getProperty(
            "bench.machine.note", "the machine was shared with other jobs during the run"))
        .append(")\n\n");
    try (Stream<Path> sections = Files.list(BenchReport.DIR)) {
      for (Path section :
          sections.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        out.append(Files.readString(section)).append('\n');
      }
    }
    Path results = Path.of("bench", "RESULTS.md");
    String kept = Files.exists(results) ? Files.readString(results) : "";
    if (kept.contains(KEPT)) {
      out.append('\n').append(kept.substring(kept.indexOf(KEPT)));
    }
    Files.createDirectories(results.getParent());
    Files.writeString(results, out.toString());
    System.out.println("\n" + out);
  }

  private static String cpu() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
    return lines.stream()
        .filter(l -> l.startsWith("model name"))
        .findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .orElse("unknown CPU");
  }

  private static String memory() throws Exception {
    return Files.readAllLines(Path.of("/proc/meminfo")).stream()
        .filter(l -> l.startsWith("MemTotal"))
        .findFirst()
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GB RAM")
        .orElse("");
  }
}
