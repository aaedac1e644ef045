package org.exportcontrol.statistics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transparency report of one year: per section (licensesIssued, refusals, ...) one row for all
 * destinations and product categories together ({@link #ALL}), then one per destination country and
 * product category that had an event. Its JSON ({@link #toJson()}) and CSV ({@link #figures()}) are
 * the same figures.
 */
public record TransparencyReport(int year, Instant generatedAt, List<Section> sections) {

  /** The country and category of the row that counts every destination and category. */
  public static final String ALL = "ALL";

  public record Section(String name, List<Row> rows) {
    public Row total() {
      return rows.get(0);
    }
  }

  /** One destination country (ISO code) and product category, with its measures in their order. */
  public record Row(String country, String category, Map<String, BigDecimal> measures) {}

  /** One figure: a line of the CSV. */
  public record Figure(String section, String country, String category, String measure, BigDecimal value) {}

  public Section section(String name) {
    return sections.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no section " + name));
  }

  public List<Figure> figures() {
    List<Figure> figures = new ArrayList<>();
    for (Section section : sections) {
      for (Row row : section.rows()) {
        row.measures().forEach((measure, value) ->
            figures.add(new Figure(section.name(), row.country(), row.category(), measure, value)));
      }
    }
    return figures;
  }

  /** The report rebuilt from its figures (a publication keeps the figures). */
  public static TransparencyReport of(int year, Instant generatedAt, List<Figure> figures) {
    Map<String, Map<String, Row>> sections = new LinkedHashMap<>();
    for (Figure f : figures) {
      Row row = sections.computeIfAbsent(f.section(), s -> new LinkedHashMap<>())
          .computeIfAbsent(f.country() + "\u0000" + f.category(), k -> new Row(f.country(), f.category(), new LinkedHashMap<>()));
      row.measures().put(f.measure(), f.value());
    }
    List<Section> list = new ArrayList<>();
    sections.forEach((name, rows) -> list.add(new Section(name, List.copyOf(rows.values()))));
    return new TransparencyReport(year, generatedAt, list);
  }

  /** {@code {"year", "generatedAt", "sections": {"licensesIssued": [{"country", "category", measures...}]}}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("year", year);
    json.put("generatedAt", generatedAt.toString());
    Map<String, Object> bySection = new LinkedHashMap<>();
    for (Section section : sections) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Row row : section.rows()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("country", row.country());
        r.put("category", row.category());
        r.putAll(row.measures());
        rows.add(r);
      }
      bySection.put(section.name(), rows);
    }
    json.put("sections", bySection);
    return json;
  }
}
