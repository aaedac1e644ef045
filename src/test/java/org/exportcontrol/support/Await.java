package org.exportcontrol.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds; fails with what was awaited once the timeout has passed. */
public final class Await {

  private Await() {}

  public static void until(String what, BooleanSupplier condition, Duration timeout, Duration pollEvery) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      try {
        Thread.sleep(pollEvery.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
