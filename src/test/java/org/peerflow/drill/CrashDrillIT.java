package org.peerflow.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash drill: the packaged application on PostgreSQL is killed with SIGKILL while cases are being
 * started, withdrawn and their e-mails sent, then started again on the same database. Every start
 * and every withdrawal it had acknowledged is there, every timer that fell due while it was down fires, no job stays stuck,
 * every task is announced, and an e-mail that was in flight at the kill can only come again as
 * the same e-mail (same Message-ID), never as a second notice.
 */
class CrashDrillIT {

  private static final int LOAD_THREADS = 4;
  private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(14);
  /** Jobs locked by the killed process wait for the lock to expire (lock-time-in-millis, 60 s). */
  private static final Duration SETTLE = Duration.ofSeconds(240);

  @TempDir
  Path logs;

  @Test
  void killDashNineUnderLoadLosesNoCaseTimerOrNotice() throws Exception {
    try (NodeEnvironment environment = new NodeEnvironment(logs);
        PeerflowNode node = environment.node("crash-node")) {
      GreenMail smtp = environment.smtp();
      node.start(Duration.ofSeconds(180));
      DrillCase.prepare(node);

      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      Set<String> unanswered = ConcurrentHashMap.newKeySet();
      AtomicInteger next = new AtomicInteger();
      ExecutorService load = Executors.newFixedThreadPool(LOAD_THREADS + 1);
      for (int t = 0; t < LOAD_THREADS; t++) {
        load.submit(() -> {
          while (node.isAlive()) {
            String key = "drill-" + next.incrementAndGet();
            (DrillCase.start(node, key) ? acknowledged : unanswered).add(key);
            PeerflowNode.sleep(150);
          }
        });
      }
      // every other acknowledged case is withdrawn while the load runs, up to the kill
      Set<String> withdrawalsAcknowledged = ConcurrentHashMap.newKeySet();
      Set<String> withdrawalsSent = ConcurrentHashMap.newKeySet();
      load.submit(() -> {
        while (node.isAlive()) {
          acknowledged.stream()
              .filter(key -> key.hashCode() % 2 == 0 && withdrawalsSent.add(key))
              .findAny()
              .ifPresentOrElse(
                  key -> {
                    if (DrillCase.withdraw(node, key)) {
                      withdrawalsAcknowledged.add(key);
                    }
                  },
                  () -> PeerflowNode.sleep(50));
        }
      });
      Thread.sleep(LOAD_BEFORE_KILL.toMillis());
      long dueBeforeKill = DrillCase.count(node, "/engine-rest/job/count?executable=true");
      int tasksBeforeKill = DrillCase.tasks(node).size();
      int mailedBeforeKill = smtp.getReceivedMessages().length;
      node.kill();
      load.shutdown();
      assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      node.start(Duration.ofSeconds(180));
      DrillCase.Settled settled = DrillCase.settle(node, smtp, SETTLE);

      System.out.printf(
          "CrashDrillIT: %d starts acknowledged, %d unanswered at the kill (%d of them committed);"
              + " %d jobs due, %d tasks and %d e-mails just before the kill; settled %d s after restart:"
              + " %d instances, %d tasks, %d e-mails, %d redelivered with the same Message-ID%n",
          acknowledged.size(),
          unanswered.size(),
          unanswered.stream().filter(settled.instances()::containsKey).count(),
          dueBeforeKill,
          tasksBeforeKill,
          mailedBeforeKill,
          settled.seconds(),
          settled.instances().size(),
          settled.tasks().size(),
          smtp.getReceivedMessages().length,
          settled.redeliveries());
      assertThat(acknowledged).as("the load ran before the kill").hasSizeGreaterThan(20);
      assertThat(mailedBeforeKill)
          .as("e-mails were being sent when the kill came")
          .isPositive();
      assertThat(settled.tasks().size() - tasksBeforeKill)
          .as(
              "follow-up tasks of timers that fell due while Peerflow was down, created after the restart")
          .isGreaterThanOrEqualTo(LOAD_THREADS);
      assertThat(settled.instances().keySet())
          .as("every acknowledged start survived the crash")
          .containsAll(acknowledged);
      assertThat(settled.instances().keySet())
          .as("no instance Peerflow was not asked for")
          .allMatch(key -> acknowledged.contains(key) || unanswered.contains(key));
      Set<String> withdrawn = DrillCase.withdrawn(node);
      System.out.printf(
          "CrashDrillIT: %d withdrawals acknowledged, %d sent, %d recorded%n",
          withdrawalsAcknowledged.size(), withdrawalsSent.size(), withdrawn.size());
      assertThat(withdrawalsAcknowledged)
          .as("withdrawals were recorded before the kill")
          .isNotEmpty();
      assertThat(withdrawn)
          .as("every acknowledged withdrawal survived the crash")
          .containsAll(withdrawalsAcknowledged);
      assertThat(withdrawalsSent).as("no withdrawal nobody sent").containsAll(withdrawn);
      DrillCase.assertOneNoticePerTask(settled);
      assertThat(settled.redeliveries())
          .as("only e-mails in flight at the kill (at most one per job thread) come twice")
          .isLessThanOrEqualTo(10);
      assertThat(DrillCase.count(node, "/engine-rest/incident/count"))
          .as("incidents")
          .isZero();
      assertThat(DrillCase.count(node, "/engine-rest/job/count?withException=true"))
          .as("failed jobs")
          .isZero();
      DrillCase.completeAll(List.of(node), settled);
    }
  }
}
