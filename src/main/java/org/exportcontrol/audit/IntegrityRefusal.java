package org.exportcontrol.audit;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * A step that would change a license or an application although the record does not justify it
 * (no recorded decision by someone allowed to make it): it changes nothing, a job becomes an
 * incident, a request is answered 403. However the process got there (a modification, a migration,
 * a job), the delegate that would act checks its grounds itself.
 */
public class IntegrityRefusal extends AuthorizationException {

  public IntegrityRefusal(String message) {
    super(message);
  }
}
