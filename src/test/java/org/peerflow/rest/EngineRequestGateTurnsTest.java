package org.peerflow.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The gate alone, without Spring: a turn is given back however the request ends, and a request that waits too long is told to retry. */
class EngineRequestGateTurnsTest {

  @Test
  void aRequestThatWaitsLongerThanTheQueueTimeoutIsAnswered503WithRetryAfter() throws Exception {
    EngineRequestGate.Gate gate = new EngineRequestGate.Gate(1, Duration.ofMillis(200));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
      try {
        gate.doFilter(
            new MockHttpServletRequest(), new MockHttpServletResponse(), (request, response) -> {
              inside.countDown();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

    MockHttpServletResponse second = new MockHttpServletResponse();
    gate.doFilter(new MockHttpServletRequest(), second, (request, response) -> {
      throw new AssertionError("ran without a turn");
    });
    release.countDown();
    first.get(30, TimeUnit.SECONDS);

    assertThat(second.getStatus()).isEqualTo(503);
    assertThat(second.getHeader("Retry-After")).isEqualTo("5");
    assertThat(second.getContentAsString()).contains("busy").contains("nothing was changed");
  }

  @Test
  void aFailingRequestGivesItsTurnBack() throws Exception {
    EngineRequestGate.Gate gate = new EngineRequestGate.Gate(1, Duration.ofMillis(200));
    try {
      gate.doFilter(
          new MockHttpServletRequest(), new MockHttpServletResponse(), (request, response) -> {
            throw new IllegalStateException("the engine failed");
          });
    } catch (IllegalStateException expected) {
      // the failure is the engine's answer's business, not the gate's
    }
    MockHttpServletResponse next = new MockHttpServletResponse();
    boolean[] ran = {false};
    gate.doFilter(new MockHttpServletRequest(), next, (request, response) -> ran[0] = true);

    assertThat(ran[0]).isTrue();
    assertThat(next.getStatus()).isEqualTo(200);
  }
}
