package org.exportcontrol.support;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The target of the injection payloads in the tests, in place of {@code Runtime.exec}: a payload that
 * got through would call {@link #hit()}, and the tests assert that nothing did. Never a bean, so only
 * reflection reaches it.
 */
public final class Canary {

  private static final AtomicInteger hits = new AtomicInteger();

  private Canary() {}

  public static String hit() {
    hits.incrementAndGet();
    return "hit";
  }

  public static int hits() {
    return hits.get();
  }

  public static void reset() {
    hits.set(0);
  }
}
