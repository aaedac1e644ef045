package org.exportcontrol.statistics;

import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal bar chart drawn as SVG on the server (templates {@code statistics/}): the page fetches
 * nothing and runs no script. The template writes every label with {@code th:text}, so it is escaped.
 */
public record BarChart(String title, int width, int height, int labelWidth, List<Bar> bars) {

  /** One bar: its label, the text shown beside it, its row's top, its length; {@code tone} picks the colour. */
  public record Bar(String label, String text, int y, int length, String tone) {}

  /** A value to draw: {@code value} null draws no bar (a suppressed figure), only {@code text}. */
  public record Entry(String label, Double value, String text, String tone) {

    public static Entry of(String label, double value) {
      return new Entry(label, value, format(value), "plain");
    }
  }

  static final int ROW = 22;
  static final int BAR_AREA = 360;

  public static BarChart of(String title, List<Entry> entries) {
    int labelWidth = 220;
    double max = entries.stream().filter(e -> e.value() != null).mapToDouble(Entry::value).max().orElse(0);
    List<Bar> bars = new ArrayList<>();
    int y = 4;
    for (Entry e : entries) {
      int length = e.value() == null || max <= 0 || e.value() <= 0 ? 0 : (int) Math.max(1, Math.round(e.value() / max * BAR_AREA));
      bars.add(new Bar(e.label(), e.text(), y, length, e.tone()));
      y += ROW;
    }
    return new BarChart(title, labelWidth + BAR_AREA + 200, Math.max(y + 4, 30), labelWidth, bars);
  }

  static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
  }
}
