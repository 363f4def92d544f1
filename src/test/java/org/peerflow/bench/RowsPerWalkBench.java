package org.peerflow.bench;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Mailbox;

/**
 * Rows the engine writes for one fair-chance-hiring walk, its e-mails sent included (bench/RESULTS.md,
 * "Rows written per hiring walk"). Not part of the test suite (the name ends in Bench); run alone:
 * {@code mvn -B test -Dtest=RowsPerWalkBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RowsPerWalkBench extends IntegrationTestBase {

  @Test
  void rowsWrittenByOneHiringWalk() {
    Map<String, Integer> inserts = count(processEngine);
    int[] kinds = RowsWritten.byKind(inserts);
    System.out.println("ROWS-PER-HIRING-WALK runtime=" + kinds[0] + " history=" + kinds[1]
        + " bytearray=" + kinds[2] + " by statement " + inserts);
  }

  /** One warm walk (definitions cached, position open) and the sending of its e-mails. */
  static Map<String, Integer> count(org.camunda.bpm.engine.ProcessEngine engine) {
    FairChanceHiringWalk walk = new FairChanceHiringWalk();
    walk.prepare(engine);
    walk.walkOnce(engine);
    Mailbox.runMailJobs(engine);
    return RowsWritten.in(engine).during(() -> {
      walk.walkOnce(engine);
      Mailbox.runMailJobs(engine);
    });
  }
}
