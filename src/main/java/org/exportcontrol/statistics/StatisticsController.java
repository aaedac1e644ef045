package org.exportcontrol.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exportcontrol.api.FieldViolation;
import org.exportcontrol.api.InvalidRequestException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agency's figures for staff (issue 19): the transparency report of a year (JSON, or CSV with
 * {@code Accept: text/csv}), its publication by an administrator, and the operations figures. Who may
 * call what is the security configuration's rule.
 */
@RestController
@RequestMapping("/api/statistics")
@Tag(name = "Statistics", description = "The transparency report and the agency's performance")
class StatisticsController {

  static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final TransparencyFigures figures;
  private final TransparencyPublications publications;
  private final OperationsFigures operations;
  private final Clock clock;
  private final ZoneId zone;

  StatisticsController(TransparencyFigures figures, TransparencyPublications publications,
      OperationsFigures operations, Clock clock, ZoneId zone) {
    this.figures = figures;
    this.publications = publications;
    this.operations = operations;
    this.clock = clock;
    this.zone = zone;
  }

  @GetMapping(path = "/transparency", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
  @Operation(summary = "The transparency report of a year, as it stands now",
      description = "JSON by default; CSV (section, country, category, measure, value) with Accept: text/csv. "
          + "Per section (licensesIssued, refusals, suspensions, revocations, shutdownsOrdered, "
          + "shutdownsVerified, misuseReports, withdrawals) a row of all destinations (country and category ALL), "
          + "then one per destination country and product category. Events count in the year they happened.")
  ResponseEntity<?> transparency(@RequestParam(required = false) String year,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    int y = year(year);
    TransparencyReport report = figures.report(y);
    if (!wantsCsv(accept)) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report.toJson());
    }
    StringBuilder csv = new StringBuilder(Csv.line(List.of("section", "country", "category", "measure", "value")));
    report.figures().forEach(f -> csv.append(Csv.line(
        List.of(f.section(), f.country(), f.category(), f.measure(), f.value().toPlainString()))));
    return ResponseEntity.ok().contentType(TEXT_CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"transparency-" + y + ".csv\"")
        .body(csv.toString());
  }

  /** CSV when the client's most preferred concrete type is text/csv. */
  static boolean wantsCsv(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    try {
      List<MediaType> types = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
      MimeTypeUtils.sortBySpecificity(types);
      types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
      return types.stream().filter(t -> !t.isWildcardType() && !t.isWildcardSubtype()).findFirst()
          .map(t -> t.isCompatibleWith(TEXT_CSV)).orElse(false);
    } catch (org.springframework.http.InvalidMediaTypeException e) {
      return false;
    }
  }

  @PostMapping(path = "/transparency/{year}/publication", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Publish a year's transparency report (administrators)",
      description = "Freezes the figures as they are now as the year's next publication (1, 2, ...); earlier ones "
          + "are kept. The latest is public at /transparency/{year} (HTML), .csv and .json.")
  ResponseEntity<Map<String, Object>> publish(@PathVariable String year, Authentication caller) {
    int y = year(year);
    TransparencyPublications.Publication publication = publications.publish(y, caller.getName());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("year", publication.year());
    body.put("publication", publication.number());
    body.put("publishedAt", publication.publishedAt().toString());
    body.put("publishedBy", publication.publishedBy());
    body.put("page", "/transparency/" + y);
    return ResponseEntity.created(URI.create("/transparency/" + y)).body(body);
  }

  @GetMapping(path = "/operations", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The agency's performance",
      description = "Open cases by status and by current step, overdue tasks by group, and for the decisions "
          + "from `from` to `to` (dates, default: this year so far) the working days from submission to decision "
          + "with the clock stopped while a question to the applicant is open.")
  OperationsFigures.Operations operations(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    LocalDate start = date("from", from, today.withDayOfYear(1));
    LocalDate end = date("to", to, today);
    if (end.isBefore(start)) {
      throw new InvalidRequestException(List.of(new FieldViolation("to", "must not be before from")));
    }
    if (start.plusYears(10).isBefore(end)) {
      throw new InvalidRequestException(List.of(new FieldViolation("to", "must be at most ten years after from")));
    }
    return operations.operations(start, end);
  }

  /** A year from 2000 to this one; missing means this year. */
  private int year(String year) {
    int current = LocalDate.now(clock.withZone(zone)).getYear();
    if (year == null) {
      return current;
    }
    if (!year.matches("\\d{4}")) {
      throw new InvalidRequestException(List.of(new FieldViolation("year", "must be a year such as " + current)));
    }
    int y = Integer.parseInt(year);
    if (y < 2000 || y > current) {
      throw new InvalidRequestException(List.of(new FieldViolation("year", "must be from 2000 to " + current)));
    }
    return y;
  }

  private static LocalDate date(String field, String value, LocalDate otherwise) {
    if (value == null) {
      return otherwise;
    }
    try {
      LocalDate date = LocalDate.parse(value);
      if (date.getYear() < 2000 || date.getYear() > 9999) {
        throw new InvalidRequestException(List.of(new FieldViolation(field, "must be a date from 2000")));
      }
      return date;
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidRequestException(List.of(new FieldViolation(field, "must be a date such as 2026-01-31")));
    }
  }
}
