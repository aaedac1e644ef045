package org.exportcontrol.engine;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.exportcontrol.audit.IntegrityRefusal;

/**
 * The engine wraps whatever a task listener throws into a generic engine error (500 from
 * /engine-rest). The outermost command interceptor hands the project's rule violations back as
 * themselves, after the transaction has been rolled back: a form validation error (400) or an
 * authorization error (403).
 */
public class RuleViolationUnwrapper extends CommandInterceptor {

  @Override
  public <T> T execute(Command<T> command) {
    try {
      return next.execute(command);
    } catch (ProcessEngineException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof TaskRuleViolation || cause instanceof TaskAuthorizationViolation
            || cause instanceof IntegrityRefusal) {
          throw (ProcessEngineException) cause;
        }
      }
      throw e;
    }
  }
}
