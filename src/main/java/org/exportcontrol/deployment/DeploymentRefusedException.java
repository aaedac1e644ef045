package org.exportcontrol.deployment;

/** A file in processes/ or forms/ that cannot be deployed; the message names the file, line and problem. */
public class DeploymentRefusedException extends RuntimeException {

  public DeploymentRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
