package org.exportcontrol.statistics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public version of a published report: every count from 1 to 2 is shown as {@value #SMALL}
 * (small counts could identify an exporter or a target), and in a row whose {@code count} is so
 * small the measures that are not counts (a total value, a median) are {@value #WITHHELD}, since
 * they would tell the one contract's value or the one shutdown's duration. A single hidden figure
 * of a measure is protected by withholding the next smallest one too ({@link #protectByComplement}),
 * since the row of all destinations minus the others would tell it. The figures are those the
 * publication froze; who published it is not shown.
 */
public record PublicReport(int year, int publication, Instant publishedAt, List<Section> sections) {

  public static final String SMALL = "<3";
  public static final String WITHHELD = "withheld";

  public record Section(String name, List<Row> rows) {

    /** Every measure of its rows, in the order they first appear (a table's columns). */
    public List<String> measureNames() {
      java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
      rows.forEach(row -> names.addAll(row.measures().keySet()));
      return List.copyOf(names);
    }

    public String label() {
      return Labels.section(name);
    }
  }

  public record Row(String country, String category, Map<String, String> measures) {

    /** The measure's value, "0" where the row has none (a code that occurred only in other rows). */
    public String value(String measure) {
      return measures.getOrDefault(measure, "0");
    }

    public String countryLabel() {
      return Labels.country(country);
    }
  }

  public static PublicReport of(TransparencyPublications.Publication publication) {
    List<Section> sections = new ArrayList<>();
    for (TransparencyReport.Section section : publication.report().sections()) {
      List<Row> rows = new ArrayList<>();
      for (TransparencyReport.Row row : section.rows()) {
        boolean smallRow = small(row.measures().get(TransparencyFigures.COUNT));
        Map<String, String> shown = new LinkedHashMap<>();
        row.measures().forEach((measure, value) -> shown.put(measure,
            TransparencyFigures.NOT_COUNTS.contains(measure) ? (smallRow ? WITHHELD : value.toPlainString())
                : small(value) ? SMALL : value.toPlainString()));
        rows.add(new Row(row.country(), row.category(), shown));
      }
      protectByComplement(rows);
      sections.add(new Section(section.name(), rows));
    }
    return new PublicReport(publication.year(), publication.number(), publication.publishedAt(), sections);
  }

  /**
   * The first row is the sum of the others: with one hidden figure of a measure, the total minus the
   * shown rows would tell it. So the smallest other figure of that measure is withheld too, and the
   * difference tells only the sum of the two. Medians add up to nothing and are left alone.
   */
  static void protectByComplement(List<Row> rows) {
    if (rows.size() < 3) {
      return;
    }
    List<String> measures = new ArrayList<>(rows.get(0).measures().keySet());
    rows.stream().skip(1).forEach(r -> r.measures().keySet().stream().filter(m -> !measures.contains(m)).forEach(measures::add));
    for (String measure : measures) {
      if (TransparencyFigures.MEDIAN_DAYS_TO_VERIFICATION.equals(measure)) {
        continue;
      }
      List<Row> details = rows.subList(1, rows.size());
      List<Row> hidden = details.stream().filter(r -> isHidden(r.measures().get(measure))).toList();
      if (hidden.size() != 1) {
        continue;
      }
      details.stream()
          .filter(r -> r != hidden.get(0) && r.measures().containsKey(measure) && !isHidden(r.measures().get(measure))
              && new BigDecimal(r.measures().get(measure)).signum() > 0)
          .min(java.util.Comparator.comparing(r -> new BigDecimal(r.measures().get(measure))))
          .ifPresent(r -> r.measures().put(measure, WITHHELD));
    }
  }

  private static boolean isHidden(String value) {
    return SMALL.equals(value) || WITHHELD.equals(value);
  }

  /** 1 or 2 (a count is whole). */
  static boolean small(BigDecimal value) {
    return value != null && value.compareTo(BigDecimal.ONE) >= 0 && value.compareTo(BigDecimal.valueOf(2)) <= 0;
  }

  /** {@code {"year", "publication", "publishedAt", "sections": {"licensesIssued": [{"country", "category", ...}]}}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("year", year);
    json.put("publication", publication);
    json.put("publishedAt", publishedAt.toString());
    json.put("smallCounts", "counts from 1 to 2 are shown as " + SMALL + "; with them a row's value or median is "
        + WITHHELD);
    Map<String, Object> bySection = new LinkedHashMap<>();
    for (Section section : sections) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Row row : section.rows()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("country", row.country());
        r.put("category", row.category());
        row.measures().forEach((measure, value) -> r.put(measure, number(value)));
        rows.add(r);
      }
      bySection.put(section.name(), rows);
    }
    json.put("sections", bySection);
    return json;
  }

  public String toCsv() {
    StringBuilder csv = new StringBuilder(Csv.line(List.of("section", "country", "category", "measure", "value")));
    for (Section section : sections) {
      for (Row row : section.rows()) {
        row.measures().forEach((measure, value) ->
            csv.append(Csv.line(List.of(section.name(), row.country(), row.category(), measure, value))));
      }
    }
    return csv.toString();
  }

  private static Object number(String value) {
    return SMALL.equals(value) || WITHHELD.equals(value) ? value : new BigDecimal(value);
  }
}
