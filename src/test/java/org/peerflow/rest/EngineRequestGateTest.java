package org.peerflow.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Rest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A burst of REST requests larger than the connection pool waits for a turn in the gate, in order,
 * instead of for a connection in the pool, where the unluckiest requests used to run out of time
 * and answer 500 (bench/RESULTS.md, "HTTP path under load").
 */
class EngineRequestGateTest extends IntegrationTestBase {

  private static final String KEY = "rest-gate-probe";

  @LocalServerPort
  int port;

  @Autowired
  DataSource dataSource;

  @Test
  void requestsBeyondThePoolWaitForATurnNotForAConnection() throws Exception {
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    int turns = pool.getMaximumPoolSize() - EngineRequestGate.RESERVED_CONNECTIONS;
    int requests = pool.getMaximumPoolSize() + 4;
    String taskId = probeTask();
    Rest rest = new Rest(port);
    String path = "/engine-rest/task/" + taskId + "/form";
    int alone = rest.get("harper", path).status();
    assertThat(alone).isLessThan(500);
    AtomicInteger inside = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    List<CommandChecker> checkers = ((ProcessEngineConfigurationImpl)
            processEngine.getProcessEngineConfiguration())
        .getCommandCheckers();
    // each request holds its database connection (its command's transaction) until released
    CommandChecker holdInsideTheCommand = (CommandChecker) Proxy.newProxyInstance(
        CommandChecker.class.getClassLoader(),
        new Class<?>[] {CommandChecker.class},
        (proxy, method, args) -> {
          if (args != null
              && args.length > 0
              && args[0] instanceof TaskEntity task
              && task.getId().equals(taskId)) {
            if (release.getCount() > 0) {
              inside.incrementAndGet();
              release.await(60, TimeUnit.SECONDS);
            }
          }
          return null;
        });
    checkers.add(0, holdInsideTheCommand);
    ExecutorService clients = Executors.newFixedThreadPool(requests);
    try {
      List<CompletableFuture<Rest.Response>> answers = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        answers.add(CompletableFuture.supplyAsync(() -> rest.get("harper", path), clients));
      }
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inside.get() >= turns);
      Awaitility.await()
          .during(Duration.ofMillis(700))
          .atMost(Duration.ofSeconds(5))
          .until(() -> inside.get() == turns
              && pool.getHikariPoolMXBean().getThreadsAwaitingConnection() == 0);

      release.countDown();
      for (CompletableFuture<Rest.Response> answer : answers) {
        Rest.Response response = answer.get(60, TimeUnit.SECONDS);
        assertThat(response.status()).as(response.body()).isEqualTo(alone);
      }
    } finally {
      release.countDown();
      checkers.removeIf(checker -> checker == holdInsideTheCommand);
      clients.shutdownNow();
    }
  }

  private String probeTask() {
    var repository = processEngine.getRepositoryService();
    repository
        .createDeployment()
        .name(KEY)
        .enableDuplicateFiltering(true)
        .addModelInstance(
            KEY + ".bpmn",
            Bpmn.createExecutableProcess(KEY)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Probe")
                .camundaCandidateGroups("hr")
                .camundaFormRef(KEY)
                .camundaFormRefBinding("deployment")
                .endEvent()
                .done())
        .addString(
            KEY + ".form",
            "{\"schemaVersion\": 16, \"type\": \"default\", \"id\": \"" + KEY
                + "\", \"components\": []}")
        .deploy();
    String instance =
        processEngine.getRuntimeService().startProcessInstanceByKey(KEY).getId();
    return processEngine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(instance)
        .singleResult()
        .getId();
  }
}
