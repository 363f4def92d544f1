package org.peerflow.bench;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * The connection pool seen during a load: its size and the most connections in use and requests
 * waiting for one at the same moment (sampled every 10 ms), so that a load's latency can be told
 * apart from waiting for a connection.
 */
final class PoolWatch {

  private final HikariDataSource pool;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread sampler;
  private volatile int mostActive;
  private volatile int mostWaiting;

  private PoolWatch(HikariDataSource pool) {
    this.pool = pool;
    this.sampler = new Thread(this::sample, "bench-pool-watch");
    sampler.setDaemon(true);
  }

  static PoolWatch start(DataSource dataSource) {
    try {
      PoolWatch watch = new PoolWatch(dataSource.unwrap(HikariDataSource.class));
      watch.sampler.start();
      return watch;
    } catch (SQLException e) {
      throw new IllegalStateException("the bench expects Spring Boot's Hikari pool", e);
    }
  }

  private void sample() {
    while (running.get()) {
      HikariPoolMXBean bean = pool.getHikariPoolMXBean();
      if (bean != null) {
        mostActive = Math.max(mostActive, bean.getActiveConnections());
        mostWaiting = Math.max(mostWaiting, bean.getThreadsAwaitingConnection());
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void stop() throws InterruptedException {
    running.set(false);
    sampler.join();
  }

  @Override
  public String toString() {
    return String.format(
        "connection pool %d: at most %d in use, %d requests waiting",
        pool.getMaximumPoolSize(), mostActive, mostWaiting);
  }
}
