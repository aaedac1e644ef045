package org.exportcontrol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.transaction.PlatformTransactionManager;

/** A collision with the system's own work is retried in a fresh transaction; nothing else is. */
class CollisionRetryTest {

  final CollisionRetry retry = new CollisionRetry(mock(PlatformTransactionManager.class));

  @Test
  void aCollisionIsRetriedAndTheClientGetsTheResult() {
    AtomicInteger attempts = new AtomicInteger();
    String answer = retry.inTransaction("the answer", () -> {
      switch (attempts.incrementAndGet()) {
        case 1 -> throw new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE ExecutionEntity' failed");
        case 2 -> throw new ProcessEngineException("ENGINE-03077 Cannot resolve parent with id 42, perhaps it was deleted");
        case 3 -> throw new CannotAcquireLockException("lock wait timed out");
        case 4 -> throw new ProcessEngineException("ENGINE-03004 DELETE ExecutionEntity failed",
            new SQLException("violates foreign key constraint \"act_fk_exe_super\"", "23503"));
        default -> {
          return "stored";
        }
      }
    });
    assertThat(answer).isEqualTo("stored");
    assertThat(attempts).hasValue(5);
  }

  @Test
  void anEndlessCollisionEndsAsAConflictWithoutARequestToTryAgain() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> retry.inTransaction("the answer", () -> {
      attempts.incrementAndGet();
      throw new OptimisticLockingException("always");
    })).isInstanceOf(ConflictException.class).hasMessageContaining("nothing was stored")
        .hasMessageNotContaining("again");
    assertThat(attempts).hasValue(CollisionRetry.ATTEMPTS);
  }

  @Test
  void anythingElseIsNotRetried() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> retry.inTransaction("the answer", () -> {
      attempts.incrementAndGet();
      throw new ConflictException("No open request");
    })).isInstanceOf(ConflictException.class).hasMessage("No open request");
    assertThat(attempts).hasValue(1);
  }
}
