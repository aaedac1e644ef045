package org.exportcontrol.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;

/**
 * Every deployment that the engine accepts (the folders at start-up, the admin redeploy, the
 * Modeler through /engine-rest) is a {@code DEPLOYED} entry with who deployed it and the SHA-256 of
 * each file, in the deployment's transaction: a diagram is code, and the log says which code
 * decided each case.
 */
public class DeploymentRecord implements Deployer {

  private final DecisionLog decisionLog;

  public DeploymentRecord(DecisionLog decisionLog) {
    this.decisionLog = decisionLog;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    Map<String, String> files = new TreeMap<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      files.put(resource.getName(), sha256(resource.getBytes()));
    }
    String subject = "deployment:" + (deployment.getName() == null ? deployment.getId() : deployment.getName());
    decisionLog.record(subject.length() > 64 ? subject.substring(0, 64) : subject, DecisionAction.DEPLOYED,
        DecisionLog.details("deploymentId", deployment.getId(), "source", deployment.getSource(), "files", files));
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content == null ? new byte[0] : content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
