package org.peerflow.rest;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * At most {@code peerflow.rest.concurrent-requests} requests to the engine's APIs run at once
 * (default: the connection pool's size less two, which stay for the job executor and Peerflow's
 * scheduled work); the others wait their turn, first come first served, before logging in.
 *
 * <p>Why: Tomcat runs up to 200 requests at once, the pool has 10 connections, and every engine
 * command of a request queues for one again. Hikari hands a returned connection to whichever
 * thread asks first, not to the one that waited longest, so under a burst some requests lost the
 * race until their connection time-out ran out and answered 500, while the others went through
 * (bench/RESULTS.md, "HTTP path under load"). Waiting here, once per request and in order, keeps
 * the pool's queue short and the slowest request close to the median. A request that waits longer
 * than {@code peerflow.rest.queue-timeout} is answered 503 with Retry-After, not 500.
 */
@Configuration(proxyBeanMethods = false)
class EngineRequestGate {

  /** Connections the gate leaves for the job executor and scheduled work (metrics, deadlines). */
  static final int RESERVED_CONNECTIONS = 2;

  @Bean
  FilterRegistrationBean<Filter> engineRequestGateFilter(
      DataSource dataSource,
      @Value("${peerflow.rest.concurrent-requests:0}") int configured,
      @Value("${peerflow.rest.queue-timeout:PT30S}") Duration queueTimeout) {
    int permits =
        configured > 0 ? configured : Math.max(1, poolSize(dataSource) - RESERVED_CONNECTIONS);
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(new Gate(permits, queueTimeout));
    registration.setName("peerflow-engine-request-gate");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*", "/peerflow/api/*");
    // after the size limit, before the logins: a waiting request holds no connection at all
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  private static int poolSize(DataSource dataSource) {
    try {
      return dataSource.isWrapperFor(HikariDataSource.class)
          ? dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize()
          : 10;
    } catch (SQLException e) {
      return 10; // Hikari's default
    }
  }

  static final class Gate implements Filter {

    private final Semaphore turns;
    private final Duration queueTimeout;

    Gate(int permits, Duration queueTimeout) {
      this.turns = new Semaphore(permits, true);
      this.queueTimeout = queueTimeout;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      boolean admitted;
      try {
        admitted = turns.tryAcquire(queueTimeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        admitted = false;
      }
      if (!admitted) {
        busy((HttpServletResponse) response);
        return;
      }
      try {
        chain.doFilter(request, response);
      } finally {
        turns.release();
      }
    }

    int waiting() {
      return turns.getQueueLength();
    }

    private void busy(HttpServletResponse response) throws IOException {
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader("Retry-After", "5");
      response.setContentType("application/json");
      response
          .getWriter()
          .write(
              "{\"type\":\"ServiceUnavailable\",\"message\":\"Peerflow is busy with other requests "
                  + "(waited " + queueTimeout.toSeconds()
                  + " s for a turn); nothing was changed. Try again in a few seconds.\"}");
    }
  }
}
