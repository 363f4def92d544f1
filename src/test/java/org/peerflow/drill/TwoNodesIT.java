package org.peerflow.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two application processes on one PostgreSQL database, as behind a load balancer: cases are
 * started on both, both job executors send e-mails and fire timers, and each task is announced
 * exactly once — the engine's job locks in the shared database keep a job from running twice.
 */
class TwoNodesIT {

  private static final int LOAD_THREADS = 4;
  private static final Duration LOAD = Duration.ofSeconds(15);

  @TempDir
  Path logs;

  @Test
  void twoNodesShareTheJobsAndSendEachNoticeOnce() throws Exception {
    try (NodeEnvironment environment = new NodeEnvironment(logs);
        PeerflowNode nodeA = environment.node("node-a");
        PeerflowNode nodeB = environment.node("node-b")) {
      GreenMail smtp = environment.smtp();
      // the first node creates the schema; the second joins a database that has it (see README,
      // production)
      nodeA.start(Duration.ofSeconds(180));
      nodeB.start(Duration.ofSeconds(180));
      DrillCase.prepare(nodeA);
      List<PeerflowNode> nodes = List.of(nodeA, nodeB);

      Set<String> refused = ConcurrentHashMap.newKeySet();
      AtomicInteger next = new AtomicInteger();
      long end = System.nanoTime() + LOAD.toNanos();
      ExecutorService load = Executors.newFixedThreadPool(LOAD_THREADS);
      for (int t = 0; t < LOAD_THREADS; t++) {
        load.submit(() -> {
          while (System.nanoTime() < end) {
            int n = next.incrementAndGet();
            String key = "drill-" + n;
            if (!DrillCase.start(nodes.get(n % 2), key)) {
              refused.add(key);
            }
            PeerflowNode.sleep(100);
          }
        });
      }
      load.shutdown();
      assertThat(load.awaitTermination(LOAD.toSeconds() + 60, TimeUnit.SECONDS)).isTrue();
      assertThat(refused).as("starts refused or unanswered").isEmpty();

      DrillCase.Settled settled = DrillCase.settle(nodeB, smtp, Duration.ofSeconds(180));
      Map<String, Integer> jobsByNode = new TreeMap<>();
      for (JsonNode entry : DrillCase.array(
          nodeA, "/engine-rest/history/job-log?successLog=true&maxResults=100000")) {
        jobsByNode.merge(entry.get("hostname").asText(), 1, Integer::sum);
      }
      long failures = DrillCase.count(nodeA, "/engine-rest/history/job-log/count?failureLog=true");
      System.out.printf(
          "TwoNodesIT: %d instances started on two nodes, %d tasks, %d e-mails; jobs run per node %s,"
              + " %d failed attempts (retried); settled %d s after the load%n",
          settled.instances().size(),
          settled.tasks().size(),
          smtp.getReceivedMessages().length,
          jobsByNode,
          failures,
          settled.seconds());

      assertThat(settled.instances()).hasSize(next.get());
      assertThat(settled.redeliveries())
          .as("no e-mail twice: no crash, so not even a redelivery")
          .isZero();
      DrillCase.assertOneNoticePerTask(settled);
      assertThat(jobsByNode.keySet()).as("both nodes ran jobs").contains("node-a", "node-b");
      assertThat(DrillCase.count(nodeA, "/engine-rest/incident/count"))
          .as("incidents")
          .isZero();
      DrillCase.completeAll(nodes, settled);
    }
  }
}
