package org.peerflow.bench;

import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.deployer.BpmnDeployer;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * The benchmark's way out of Peerflow's global task listeners (task e-mails, deadline jobs, the
 * required-field check): user tasks of processes whose key starts with {@value #PREFIX} lose every
 * built-in task listener at parse time, so they are the plain tasks of a bare engine. The parse
 * listener is appended after all others once the engine is built; no other process is touched.
 * (A test-only bean: it exists in the test context of the whole suite and acts on bench models only.)
 */
@Component
class PlainTasksPlugin extends AbstractProcessEnginePlugin {

  static final String PREFIX = "bench-plain";

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.getDeployers().stream()
        .filter(BpmnDeployer.class::isInstance)
        .map(BpmnDeployer.class::cast)
        .forEach(deployer -> deployer
            .getBpmnParser()
            .getParseListeners()
            .add(new AbstractBpmnParseListener() {
              @Override
              public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (scope.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                    && definition.getKey().startsWith(PREFIX)) {
                  ((UserTaskActivityBehavior) activity.getActivityBehavior())
                      .getTaskDefinition()
                      .getBuiltinTaskListeners()
                      .clear();
                }
              }
            }));
  }
}
