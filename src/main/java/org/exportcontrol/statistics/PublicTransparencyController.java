package org.exportcontrol.statistics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The published transparency reports, public without a login: {@code /transparency/{year}} (HTML with
 * tables and charts), {@code /transparency/{year}.csv} and {@code .json}; 404 until the year is
 * published. Always the latest publication, from its frozen figures, so every request gets the same
 * answer until the next publication. Small counts are suppressed ({@link PublicReport}).
 */
@Controller
class PublicTransparencyController {

  private static final Pattern FILE = Pattern.compile("(\\d{4})(\\.csv|\\.json)?");

  private static final java.time.format.DateTimeFormatter UTC_MINUTE =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

  private final TransparencyPublications publications;

  PublicTransparencyController(TransparencyPublications publications) {
    this.publications = publications;
  }

  @GetMapping(path = "/transparency", produces = MediaType.TEXT_HTML_VALUE)
  String index(Model model) {
    model.addAttribute("years", publications.years());
    return "statistics/transparency-index";
  }

  @GetMapping("/transparency/{file}")
  Object report(@PathVariable String file, Model model, HttpServletResponse response) {
    Matcher matcher = FILE.matcher(file);
    Optional<TransparencyPublications.Publication> publication = matcher.matches()
        ? publications.latest(Integer.parseInt(matcher.group(1))) : Optional.empty();
    if (publication.isEmpty()) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("file", file);
      return "statistics/transparency-not-found";
    }
    PublicReport report = PublicReport.of(publication.get());
    String kind = matcher.group(2);
    if (".json".equals(kind)) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report.toJson());
    }
    if (".csv".equals(kind)) {
      return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
          .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"transparency-" + report.year() + ".csv\"")
          .body(report.toCsv());
    }
    model.addAttribute("report", report);
    model.addAttribute("published", UTC_MINUTE.format(report.publishedAt()) + " UTC");
    model.addAttribute("earlier", publications.all(report.year()).stream()
        .filter(p -> p.number() != report.publication())
        .map(p -> "no. " + p.number() + " of " + UTC_MINUTE.format(p.publishedAt()) + " UTC").toList());
    model.addAttribute("charts", charts(report, publication.get().report()));
    return "statistics/transparency";
  }

  /** The year at a glance (each section's total), and licenses issued per destination country. */
  static List<BarChart> charts(PublicReport shown, TransparencyReport frozen) {
    List<BarChart.Entry> glance = new ArrayList<>();
    for (PublicReport.Section section : shown.sections()) {
      glance.add(entry(Labels.section(section.name()), section.rows().get(0).measures().get(TransparencyFigures.COUNT)));
    }
    // a country's total over its categories, unless one of its rows' counts is hidden (the total would tell it)
    Map<String, java.math.BigDecimal> byCountry = new TreeMap<>();
    java.util.Set<String> hidden = new java.util.HashSet<>();
    List<TransparencyReport.Row> frozenRows = frozen.section(TransparencyFigures.LICENSES_ISSUED).rows();
    List<PublicReport.Row> shownRows = shown.sections().stream()
        .filter(s -> s.name().equals(TransparencyFigures.LICENSES_ISSUED)).findFirst().orElseThrow().rows();
    for (int i = 1; i < frozenRows.size(); i++) {
      TransparencyReport.Row row = frozenRows.get(i);
      byCountry.merge(row.country(), row.measures().get(TransparencyFigures.COUNT), java.math.BigDecimal::add);
      String count = shownRows.get(i).value(TransparencyFigures.COUNT);
      if (PublicReport.SMALL.equals(count) || PublicReport.WITHHELD.equals(count)) {
        hidden.add(row.country());
      }
    }
    List<BarChart.Entry> countries = new ArrayList<>();
    byCountry.forEach((country, count) -> countries.add(entry(Labels.country(country),
        PublicReport.small(count) ? PublicReport.SMALL
            : hidden.contains(country) ? PublicReport.WITHHELD : count.toPlainString())));
    List<BarChart> charts = new ArrayList<>();
    charts.add(BarChart.of("The year at a glance", glance));
    if (!countries.isEmpty()) {
      charts.add(BarChart.of("Licenses issued by destination", countries));
    }
    return charts;
  }

  private static BarChart.Entry entry(String label, String shown) {
    if (shown == null || PublicReport.SMALL.equals(shown) || PublicReport.WITHHELD.equals(shown)) {
      return new BarChart.Entry(label, null, shown == null ? "" : shown, "plain");
    }
    return new BarChart.Entry(label, Double.valueOf(shown), shown, "plain");
  }
}
