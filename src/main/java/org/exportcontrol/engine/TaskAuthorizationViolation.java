package org.exportcontrol.engine;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * A user who may not start this process, or take or complete this task of this case (not in its
 * group, separation of duties, or no authenticated user at all): answered 403, nothing changes.
 */
public class TaskAuthorizationViolation extends AuthorizationException {

  private final String operation;

  public TaskAuthorizationViolation(String message) {
    this(null, message);
  }

  /** @param operation what was refused, as a person would name it ("Assigning a task") */
  public TaskAuthorizationViolation(String operation, String message) {
    super(message);
    this.operation = operation;
  }

  /** What was refused, or null. */
  public String operation() {
    return operation;
  }
}
