package org.exportcontrol.support;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.bpmn.deployer.BpmnDeployer;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.exportcontrol.deployment.DeploymentGuard;
import org.exportcontrol.deployment.DmnDeploymentGuard;
import org.exportcontrol.engine.Privileged;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * TEST ONLY: deploys a diagram with the deployment guards taken out of the engine for the one call,
 * as a stand-in for a definition that reached the database some other way (a direct INSERT, an old
 * deployment, a guard bug). What it plants must then be stopped by the expression sandbox when it
 * runs. The guards are back when the call returns, failed or not.
 *
 * <p>The engine keeps the deployers it deploys with inside its deployment cache, without a getter
 * (ProcessEngineConfigurationImpl#getDeployers and #getBpmnDeployer answer other instances, not the
 * ones a deployment goes through), hence the reflection.
 */
public final class GuardBypass {

  private GuardBypass() {}

  /**
   * Deploys the resource without the guards, runs {@code test} against it, and removes the
   * deployment with everything it started (as the project's own call: cascading deletion is closed).
   * The engine's report of the refused run (a real fault: a planted diagram ran) stays off the console.
   */
  public static void planted(ProcessEngine engine, String resourceName, String content, Runnable test) {
    String deploymentId = deploy(engine, resourceName, content);
    try {
      ExpectedErrors.silenced(test, "org.camunda.bpm.engine.context", "org.camunda.bpm.engine.rest.exception");
    } finally {
      Privileged.run("test clean-up", () -> engine.getRepositoryService().deleteDeployment(deploymentId, true));
    }
  }

  /** Deploys the resource without the guards; answers the deployment id. Delete it when done. */
  public static synchronized String deploy(ProcessEngine engine, String resourceName, String content) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    Object cacheDeployer = ReflectionTestUtils.getField(configuration.getDeploymentCache(), "cacheDeployer");
    @SuppressWarnings("unchecked")
    List<Deployer> deployers = (List<Deployer>) ReflectionTestUtils.getField(cacheDeployer, "deployers");
    List<BpmnParseListener> listeners = deployers.stream()
        .filter(BpmnDeployer.class::isInstance).map(d -> ((BpmnDeployer) d).getBpmnParser().getParseListeners())
        .findFirst().orElseThrow();

    List<Deployer> deployersBefore = new ArrayList<>(deployers);
    List<BpmnParseListener> listenersBefore = new ArrayList<>(listeners);
    if (!deployers.removeIf(DmnDeploymentGuard.class::isInstance)
        || !listeners.removeIf(DeploymentGuard.class::isInstance)) {
      throw new IllegalStateException("The guards are not where the bypass expects them; the bypass would prove nothing");
    }
    try {
      return engine.getRepositoryService().createDeployment()
          .name("planted past the guards")
          .addString(resourceName, content)
          .deploy().getId();
    } finally {
      deployers.clear();
      deployers.addAll(deployersBefore);
      listeners.clear();
      listeners.addAll(listenersBefore);
    }
  }
}
