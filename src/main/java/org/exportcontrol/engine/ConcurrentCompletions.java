package org.exportcontrol.engine;

import jakarta.ws.rs.core.Response.Status;
import java.sql.SQLException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two people completing (or claiming) the same task at the same moment: one wins, and the other's
 * transaction fails on the engine's optimistic lock, on a unique key the winner's step already used
 * (the license of the application), or on the task that is gone. That loser is a conflict between
 * two people, answered 409 with a sentence, never a 500 with the SQL statement in it. Rule
 * violations pass through untouched; jobs are not affected (their retries rely on the engine's own
 * exception).
 */
public class ConcurrentCompletions extends CommandInterceptor {

  private static final Logger log = LoggerFactory.getLogger(ConcurrentCompletions.class);

  @Override
  public <T> T execute(Command<T> command) {
    if (!(command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd || command instanceof ClaimTaskCmd)) {
      return next.execute(command);
    }
    try {
      return next.execute(command);
    } catch (TaskRuleViolation | TaskAuthorizationViolation | OperationClosedException rule) {
      throw rule;
    } catch (RuntimeException e) {
      // the engine's own exceptions, and the project's steps' database errors, which reach here unwrapped
      String taskId = (String) CommandFields.required(command, "taskId");
      boolean gone = next.execute(context -> context.getTaskManager().findTaskById(taskId) == null);
      if (!gone && !collision(e)) {
        throw e;
      }
      log.info("Task {} was taken or completed by someone else at the same moment: {}", taskId, e.getMessage());
      throw new RestException(Status.CONFLICT, "Someone else completed or took this task at the same moment; "
          + "nothing of yours was stored. Reload the task list.");
    }
  }

  /** The engine's optimistic lock, or a unique key another transaction used first. */
  private static boolean collision(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof OptimisticLockingException
          || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }
}
