package org.exportcontrol.engine;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * An expression tried something the sandbox does not allow (see {@link ExpressionPolicy}); nothing of
 * it ran. The message names the refused member and the object it was asked of, which is all an
 * administrator needs to fix the diagram: a job with it fails and raises an incident, a command fails.
 */
public class ExpressionRefusedException extends ProcessEngineException {

  public ExpressionRefusedException(String message) {
    super(message);
  }
}
