package org.peerflow.model;

import java.io.ByteArrayInputStream;
import java.util.IdentityHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The diagrams of the deployment being made, each parsed once and shared by every pre- and
 * post-deployer of that deployment (model validator, compliance guard, access deployer). It is a
 * session of the deploy command ({@link DeploymentDiagramsPlugin}): it lives as long as the command
 * and is forgotten with it, and it is keyed by the resource object itself, so nothing outlives the
 * deployment or mixes two of them. The shared models are read, never changed.
 *
 * <p>Outside a command, or in an engine without the plugin (a test without Spring), each call
 * parses afresh. The engine's own BPMN parser and the sandbox's plain-XML check read the bytes
 * their own way and are not served from here.
 */
public final class DeploymentDiagrams implements Session {

  private final Map<ResourceEntity, BpmnModelInstance> parsed = new IdentityHashMap<>();

  /**
   * @return the resource's diagram, parsed on the first call of the command
   * @throws RuntimeException the parser's, when the resource is not a readable BPMN diagram (not
   *     remembered: each caller reports it in its own words)
   */
  public static BpmnModelInstance of(ResourceEntity resource) {
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext == null
        || !commandContext.getSessionFactories().containsKey(DeploymentDiagrams.class)) {
      return parse(resource.getBytes());
    }
    return commandContext.getSession(DeploymentDiagrams.class).parsed(resource);
  }

  private BpmnModelInstance parsed(ResourceEntity resource) {
    BpmnModelInstance model = parsed.get(resource);
    if (model == null) {
      model = parse(resource.getBytes());
      parsed.put(resource, model);
    }
    return model;
  }

  private static BpmnModelInstance parse(byte[] bpmn) {
    return Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn));
  }

  @Override
  public void flush() {
    // nothing to write
  }

  @Override
  public void close() {
    parsed.clear();
  }

  /** Opens one per command, when a deployer first asks. */
  static final class Factory implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
      return DeploymentDiagrams.class;
    }

    @Override
    public Session openSession() {
      return new DeploymentDiagrams();
    }
  }
}
