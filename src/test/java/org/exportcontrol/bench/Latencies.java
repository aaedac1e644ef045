package org.exportcontrol.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Recorded durations of one step, in milliseconds, with their percentiles. Thread-safe. */
final class Latencies {

  private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());

  void record(long nanos) {
    millis.add(nanos / 1_000_000.0);
  }

  int count() {
    return millis.size();
  }

  double percentile(double p) {
    List<Double> sorted;
    synchronized (millis) {
      sorted = new ArrayList<>(millis);
    }
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
