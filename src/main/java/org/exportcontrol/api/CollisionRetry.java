package org.exportcontrol.api;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.exportcontrol.engine.Collisions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one request of the project's API in a transaction and, when it collides with the system's
 * own background work on the same case (a job moving the case at that moment: the engine's
 * optimistic lock, ENGINE-03077 "cannot resolve parent", a row another transaction changed under a
 * constraint, a lock wait the database gave up), runs it
 * again in a fresh transaction, a few times with a random pause: concurrency is the server's
 * problem, not the client's. Nothing of a failed attempt is kept. Other failures pass through.
 */
@Component
public class CollisionRetry {

  static final int ATTEMPTS = 5;
  private static final Logger log = LoggerFactory.getLogger(CollisionRetry.class);

  private final TransactionTemplate transaction;

  public CollisionRetry(PlatformTransactionManager transactionManager) {
    this.transaction = new TransactionTemplate(transactionManager);
  }

  public <T> T inTransaction(String what, Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(status -> work.get());
      } catch (RuntimeException e) {
        if (!Collisions.isCollision(e)) {
          throw e;
        }
        if (attempt == ATTEMPTS) {
          log.warn("{}: still colliding with the system's own work after {} attempts", what, ATTEMPTS);
          throw new ConflictException("The case is being changed by the system at this moment and " + what
              + " could not be stored; nothing was stored.");
        }
        log.info("{} collided with the system's own work (attempt {}): {}", what, attempt, e.getMessage());
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConflictException("Interrupted while waiting to store the request; nothing was stored.");
    }
  }
}
