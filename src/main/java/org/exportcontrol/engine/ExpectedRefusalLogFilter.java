package org.exportcontrol.engine;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.slf4j.Marker;

/**
 * The engine logs every exception that leaves a command as an ERROR with its whole stack trace
 * (ENGINE-16004), an expected refusal as much as a real fault: a missing field, separation of
 * duties, a closed operation, a refused diagram or expression, an unknown id (404), a
 * Java-serialized variable. Those are answered 4xx and logged in one line where they are decided
 * (the refusing rule, the decision log); this filter drops the engine's repeat of them, so that a
 * stack trace in the log means something went wrong. So are collisions of two transactions on one
 * case (the optimistic lock, or a unique key the other used first): a person's completion is run
 * again or answered 409 ({@link ConcurrentCompletions}), the API's calls are retried
 * ({@code api.CollisionRetry}), and a job's failure is logged by the job executor, which retries it.
 * Installed in logback-spring.xml, so it survives Spring Boot re-initialising logging.
 */
public class ExpectedRefusalLogFilter extends TurboFilter {

  static final String ENGINE_CONTEXT_LOGGER = "org.camunda.bpm.engine.context";
  /** Where the engine repeats a failure inside a sub-process's completion (ENGINE-20009) before the command's log. */
  static final String ENGINE_PVM_LOGGER = "org.camunda.bpm.engine.pvm";

  private static final Set<Class<? extends Throwable>> EXPECTED = Set.of(FormFieldValidationException.class,
      AuthorizationException.class, ParseException.class, ExpressionRefusedException.class,
      NullValueException.class,
      // a message whose receiver another transaction moved on: a withdrawal meeting the case's end
      MismatchingMessageCorrelationException.class,
      // a case or a plan that cannot be migrated: the migration API answers the engine's reasons
      MigratingProcessInstanceValidationException.class, MigrationPlanValidationException.class);

  /** Refusals the engine names by code only: a Java-serialized variable (400), an unknown job (404). */
  private static final Set<String> REFUSAL_CODES = Set.of("ENGINE-17007", "ENGINE-14026");

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.ERROR
        || !ENGINE_CONTEXT_LOGGER.equals(logger.getName()) && !ENGINE_PVM_LOGGER.equals(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    Throwable thrown = t;
    if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
      thrown = last;
    }
    return expected(thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
  }

  static boolean expected(Throwable thrown) {
    if (Collisions.isCollision(thrown)) {
      return true;
    }
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      Throwable current = cause;
      if (EXPECTED.stream().anyMatch(type -> type.isInstance(current))
          || current.getMessage() != null && REFUSAL_CODES.stream().anyMatch(current.getMessage()::startsWith)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
