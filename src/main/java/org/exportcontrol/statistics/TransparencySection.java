package org.exportcontrol.statistics;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A section of the transparency report that another feature contributes: the seam for the figures
 * that exist only with that feature (issue 19: {@code issuedOnAppeal} where appeals exist). A bean of
 * this type is picked up by {@link TransparencyFigures} and placed after the built-in sections, in
 * the beans' order. The built-in sections are computed in {@link TransparencyFigures} itself.
 */
public interface TransparencySection {

  /** The section's name in the JSON and CSV (a contract name, such as {@code issuedOnAppeal}). */
  String name();

  /** The measures every row shows, 0 when nothing happened ({@code count} first). */
  List<String> baseMeasures();

  /** The section's events that happened from {@code from} (inclusive) to {@code until} (exclusive). */
  List<Event> events(OffsetDateTime from, OffsetDateTime until);

  /**
   * One event, at a destination country and product category: what it adds to measures (such as
   * {@code count} 1), and the samples of median measures (such as {@code medianDaysToVerification}).
   */
  record Event(String country, String category, Map<String, BigDecimal> adds, Map<String, Double> samples) {

    public static Event counted(String country, String category) {
      return new Event(country, category, Map.of("count", BigDecimal.ONE), Map.of());
    }
  }
}
