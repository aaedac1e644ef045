package org.exportcontrol.engine;

import java.util.List;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;

/**
 * Each new process definition's version tag is its version number, so Tasklist's "(v. N)" beside a
 * task's process names the diagram version the case runs on and changes with every changed diagram
 * (issue 16, 10). A tag written in the file (the diagrams had a fixed "1") would say nothing; the
 * folders' duplicate filter compares the files, so an unchanged diagram still makes no new version.
 * Runs after the engine's deployers, which assign the version, before the definitions are written.
 */
public class DefinitionVersionTag implements Deployer {

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return; // the engine rebuilding its cache from definitions already written
    }
    List<ProcessDefinitionEntity> definitions = deployment.getDeployedArtifacts(ProcessDefinitionEntity.class);
    if (definitions != null) {
      definitions.forEach(definition -> definition.setVersionTag(String.valueOf(definition.getVersion())));
    }
  }
}
