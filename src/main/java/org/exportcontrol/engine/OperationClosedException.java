package org.exportcontrol.engine;

import org.camunda.bpm.engine.AuthorizationException;

/** An engine operation that no one may use ({@link ClosedOperations}): 403, naming the operation. */
public class OperationClosedException extends AuthorizationException {

  private final String operation;

  public OperationClosedException(String operation, String message) {
    super(message);
    this.operation = operation;
  }

  public String operation() {
    return operation;
  }
}
