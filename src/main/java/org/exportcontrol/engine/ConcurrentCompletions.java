package org.exportcontrol.engine;

import jakarta.ws.rs.core.Response.Status;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A person's completion (or claim) of a task that meets other work on the same case.
 * <ul>
 *   <li>The case's own jobs: an email branch that ends, a timer, a join. They change the case's
 *       executions, and with them the task's row, while the person's transaction runs; its flush then
 *       fails on the engine's optimistic lock although the task is still there. The command is run
 *       again, in a fresh transaction, up to {@value #ATTEMPTS} times: the person never sees it.</li>
 *   <li>Another person who completed or took the task first: the loser's transaction fails on the
 *       optimistic lock, on a unique key the winner's step already used (the license of the
 *       application), or on the task that is gone. That is a conflict between two people, answered
 *       409 with a sentence, never a 500 with the SQL statement in it.</li>
 * </ul>
 * Rule violations pass through untouched; jobs are not affected (their retries rely on the engine's
 * own exception), nor are calls inside a transaction someone else owns (the project's API retries
 * those itself, see {@code api.CollisionRetry}).
 */
public class ConcurrentCompletions extends CommandInterceptor {

  static final int ATTEMPTS = 5;

  private static final Logger log = LoggerFactory.getLogger(ConcurrentCompletions.class);

  @Override
  public <T> T execute(Command<T> command) {
    if (!(command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd || command instanceof ClaimTaskCmd)) {
      return next.execute(command);
    }
    boolean ownTransaction = Context.getCommandContext() == null
        && !TransactionSynchronizationManager.isActualTransactionActive();
    for (int attempt = 1; ; attempt++) {
      try {
        return next.execute(command);
      } catch (TaskRuleViolation | TaskAuthorizationViolation | OperationClosedException rule) {
        throw rule;
      } catch (RuntimeException e) {
        // the engine's own exceptions, and the project's steps' database errors, which reach here unwrapped
        String taskId = (String) CommandFields.required(command, "taskId");
        boolean gone = next.execute(context -> context.getTaskManager().findTaskById(taskId) == null);
        if (!gone && !Collisions.isCollision(e)) {
          throw e;
        }
        if (!gone && ownTransaction && attempt < ATTEMPTS) {
          log.info("Task {} met other work on its case (attempt {}); running it again: {}", taskId, attempt, e.getMessage());
          pause(attempt);
          continue;
        }
        log.info("Task {} was taken or completed by someone else at the same moment: {}", taskId, e.getMessage());
        throw new RestException(Status.CONFLICT, "Someone else completed or took this task at the same moment; "
            + "nothing of yours was stored. Reload the task list.");
      }
    }
  }

  /** A little longer each time, and random, so that the same two transactions do not meet again. */
  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(10, 40L * attempt));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to run the task's completion again", interrupted);
    }
  }

}
