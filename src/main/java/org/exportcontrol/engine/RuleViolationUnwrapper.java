package org.exportcontrol.engine;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.exportcontrol.audit.IntegrityRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine wraps whatever a task listener throws into a generic engine error (500 from
 * /engine-rest). The outermost command interceptor hands the project's rule violations back as
 * themselves, after the transaction has been rolled back: a form validation error (400) or an
 * authorization error (403). A rule's refusal is expected: one line in the log, no stack trace.
 */
public class RuleViolationUnwrapper extends CommandInterceptor {

  private static final Logger log = LoggerFactory.getLogger(RuleViolationUnwrapper.class);

  @Override
  public <T> T execute(Command<T> command) {
    try {
      return next.execute(command);
    } catch (ProcessEngineException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof TaskRuleViolation || cause instanceof TaskAuthorizationViolation) {
          log.info("Refused {}: {}", command.getClass().getSimpleName(), cause.getMessage());
          throw (ProcessEngineException) cause;
        }
        if (cause instanceof IntegrityRefusal refusal) {
          throw refusal; // on the record and logged where it was refused
        }
      }
      throw e;
    }
  }
}
