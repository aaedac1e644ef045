package org.exportcontrol.engine;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * A user who may not complete this task of this case (separation of duties, or no authenticated user
 * at all): answered 403, the task stays open.
 */
public class TaskAuthorizationViolation extends AuthorizationException {

  public TaskAuthorizationViolation(String message) {
    super(message);
  }
}
