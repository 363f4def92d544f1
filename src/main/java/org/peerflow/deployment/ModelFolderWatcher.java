package org.peerflow.deployment;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hot redeploy for the embedded default: when a process owner saves a model (for example from
 * Desktop Modeler), the folders are deployed again. Editors save in bursts (temporary file,
 * rename), so changes are gathered for a short quiet period before deploying once.
 */
@Component
@ConditionalOnProperty(name = "peerflow.deployment.watch", havingValue = "true")
class ModelFolderWatcher implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ModelFolderWatcher.class);
  private static final long QUIET_PERIOD_MS = 700;

  private final FolderDeployer deployer;
  private volatile WatchService watchService;
  private Thread thread;
  private final AtomicLong redeployAttempts = new AtomicLong();

  ModelFolderWatcher(FolderDeployer deployer) {
    this.deployer = deployer;
  }

  @Override
  public void start() {
    try {
      watchService = FileSystems.getDefault().newWatchService();
      for (Path folder : deployer.folders().folders()) {
        Files.createDirectories(folder);
        folder.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
      }
    } catch (IOException e) {
      LOG.error(
          "PEERFLOW-DEP-020 Cannot watch {} for changes; restart to deploy edits",
          deployer.folders().folders(),
          e);
      return;
    }
    thread = new Thread(this::watch, "peerflow-model-watcher");
    thread.setDaemon(true);
    thread.start();
    LOG.info(
        "PEERFLOW-DEP-021 Watching {}: saved models are deployed without a restart",
        deployer.folders().folders());
  }

  private void watch() {
    try {
      while (true) {
        WatchKey key = watchService.take();
        boolean modelChanged = drain(key);
        // gather the rest of the burst
        WatchKey more;
        while ((more = watchService.poll(QUIET_PERIOD_MS, TimeUnit.MILLISECONDS)) != null) {
          modelChanged |= drain(more);
        }
        if (modelChanged) {
          redeploy();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean drain(WatchKey key) {
    boolean modelChanged = key.pollEvents().stream()
        .map(event -> String.valueOf(event.context()))
        .anyMatch(name -> !name.startsWith(".")
            && (name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form")));
    key.reset();
    return modelChanged;
  }

  /** How many saves the watcher has acted on so far, deployed or refused: lets a caller wait for one. */
  public long redeployAttempts() {
    return redeployAttempts.get();
  }

  private void redeploy() {
    try {
      deployer
          .deploy()
          .ifPresent(deployment -> LOG.info(
              "PEERFLOW-DEP-022 Hot redeploy: deployment {} is now in service",
              deployment.getId()));
    } catch (ParseException e) {
      LOG.error(
          "PEERFLOW-DEP-023 Hot redeploy refused, the running version stays in service. {}",
          e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("PEERFLOW-DEP-024 Hot redeploy failed, the running version stays in service", e);
    } finally {
      redeployAttempts.incrementAndGet();
    }
  }

  @Override
  public void stop() {
    try {
      if (watchService != null) {
        watchService.close();
      }
    } catch (IOException e) {
      LOG.debug("closing the model watcher", e);
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null && thread.isAlive();
  }
}
