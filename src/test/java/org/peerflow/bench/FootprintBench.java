package org.peerflow.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.peerflow.Rest;

/**
 * The packaged jar as an operator starts it (embedded default: H2 in a fresh data folder, demo
 * users, mail sink), once with the README's small-site flags and once with JVM defaults: time to
 * the first REST answer, resident memory idle and under load (VmRSS, and VmHWM = peak).
 */
class FootprintBench {

  @Test
  void startUpAndMemory() throws Exception {
    BenchReport report =
        new BenchReport("footprint", "Footprint of the packaged jar (H2 embedded default)");
    File jar = Files.list(Path.of("target"))
        .map(Path::toFile)
        .filter(f -> f.getName().matches("peerflow-.*\\.jar") && !f.getName().endsWith("original"))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no target/peerflow-*.jar: run with mvn verify"));
    for (List<String> flags : List.of(
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), List.<String>of())) {
      measure(report, jar, flags);
    }
    report.print();
  }

  private static void measure(BenchReport report, File jar, List<String> flags) throws Exception {
    int port = freePort();
    Path data = Files.createTempDirectory("peerflow-bench");
    List<String> command = new ArrayList<>(
        List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(flags);
    command.addAll(List.of(
        "-jar",
        jar.getAbsolutePath(),
        "--server.port=" + port,
        "--peerflow.data-dir=" + data,
        "--peerflow.mail-sink.port=" + freePort(),
        "--peerflow.deployment.watch=false"));
    long start = System.nanoTime();
    Process app = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(data.resolve("app.log").toFile())
        .start();
    try {
      Rest rest = new Rest(port);
      double firstAnswer = -1;
      while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(180)) {
        try {
          if (rest.get("harper", "/engine-rest/task/count").status() == 200) {
            firstAnswer = (System.nanoTime() - start) / 1e9;
            break;
          }
        } catch (RuntimeException notYet) {
          // not listening yet
        }
        Thread.sleep(100);
      }
      if (firstAnswer < 0) {
        throw new IllegalStateException(
            "no REST answer within 180 s; see " + data.resolve("app.log"));
      }
      Thread.sleep(10_000);
      long idle = kb(app.pid(), "VmRSS");
      AtomicInteger done = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(20);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      for (int t = 0; t < 20; t++) {
        boolean starter = t % 2 == 0;
        pool.submit(() -> {
          while (System.nanoTime() < end) {
            Rest.Response r = starter
                ? rest.postJson(
                    "harper",
                    "/engine-rest/process-definition/key/peer-position/start",
                    Map.of(
                        "variables",
                        Map.of(
                            "positionTitle",
                            Map.of("value", "Peer Specialist"),
                            "jurisdiction",
                            Map.of("value", "US-MA"))))
                : rest.get(
                    "harper",
                    "/engine-rest/task?candidateGroup=hr&sortBy=dueDate&sortOrder=asc&maxResults=50");
            (r.status() < 300 ? done : failed).incrementAndGet();
          }
          return null;
        });
      }
      pool.shutdown();
      pool.awaitTermination(80, TimeUnit.SECONDS);
      long loaded = kb(app.pid(), "VmRSS");
      long peak = kb(app.pid(), "VmHWM");
      String name = flags.isEmpty() ? "JVM defaults" : String.join(" ", flags);
      report.row(
          "4 footprint",
          name + ": first REST answer",
          String.format("%.1f s", firstAnswer),
          "from process start");
      report.row(
          "4 footprint",
          name + ": resident memory idle / under load / peak",
          String.format("%d / %d / %d MB", idle / 1024, loaded / 1024, peak / 1024),
          String.format(
              "load: 20 threads starting peer-position and listing tasks for 20 s, %d requests, %d failed",
              done.get(), failed.get()));
    } finally {
      app.destroy();
      if (!app.waitFor(30, TimeUnit.SECONDS)) {
        app.destroyForcibly();
      }
    }
  }

  static long kb(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
