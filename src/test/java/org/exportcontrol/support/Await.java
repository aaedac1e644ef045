package org.exportcontrol.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds; fails with what was awaited once the timeout has passed. */
public final class Await {

  private Await() {}

  public static void until(String what, BooleanSupplier condition, Duration timeout, Duration pollEvery) {
    if (!holdsWithin(condition, timeout, pollEvery)) {
      throw new AssertionError("Timed out waiting for " + what);
    }
  }

  /** Whether the condition came to hold before the timeout; for waits that may give up without failing. */
  public static boolean holdsWithin(BooleanSupplier condition, Duration timeout, Duration pollEvery) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(pollEvery.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return true;
  }
}
