package org.exportcontrol.engine;

import java.sql.SQLException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * Whether a failure is two transactions meeting on one case rather than a fault: the engine's
 * optimistic lock, ENGINE-03077 "cannot resolve parent" (an execution the other removed), a row the
 * other added or removed a moment before under a constraint (SQLState 23), or a lock wait or
 * serialization the database gave up (40). The API retries these ({@code api.CollisionRetry}), a
 * person's completion is run again or is a 409 ({@link ConcurrentCompletions}), and the engine's
 * ERROR repeat of them is dropped ({@link ExpectedRefusalLogFilter}).
 */
public final class Collisions {

  private Collisions() {}

  public static boolean isCollision(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof OptimisticLockingException || cause instanceof ConcurrencyFailureException
          || cause instanceof ProcessEngineException engine && engine.getMessage() != null
              && engine.getMessage().startsWith("ENGINE-03077")
          || cause instanceof SQLException sql && sql.getSQLState() != null
              && (sql.getSQLState().startsWith("23") || sql.getSQLState().startsWith("40"))) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
