package org.exportcontrol.engine;

import java.util.function.Supplier;

/**
 * Marks an engine call that the project's own code makes on purpose and that the engine's API is
 * closed to for everyone else ({@link ClosedOperations}, {@link TaskGate}): starting a process, correlating a
 * message, ending a cancelled case. A thread-local flag: diagrams cannot set it (their expressions
 * reach only allow-listed beans), nor can a request to /engine-rest.
 */
public final class Privileged {

  private static final ThreadLocal<String> PURPOSE = new ThreadLocal<>();

  private Privileged() {}

  /** Runs {@code work} as the project's own call, for {@code purpose} (shown in logs). */
  public static <T> T call(String purpose, Supplier<T> work) {
    String outer = PURPOSE.get();
    PURPOSE.set(purpose);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        PURPOSE.remove();
      } else {
        PURPOSE.set(outer);
      }
    }
  }

  public static void run(String purpose, Runnable work) {
    call(purpose, () -> {
      work.run();
      return null;
    });
  }

  public static boolean active() {
    return PURPOSE.get() != null;
  }
}
