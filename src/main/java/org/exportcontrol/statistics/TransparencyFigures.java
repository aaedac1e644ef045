package org.exportcontrol.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.exportcontrol.statistics.TransparencySection.Event;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Computes a year's transparency report from the project's tables and the decision log. Each event
 * counts in the year (in the agency's time zone) in which it happened: a license when it was issued,
 * a refusal when it was decided, a suspension when it was imposed, a revocation when the license was
 * revoked, a shutdown when it was ordered and when it was verified, a misuse report when it was
 * received and when it was closed, a withdrawal when it was recorded in the decision log. Exporters'
 * names are never read.
 */
@Service
public class TransparencyFigures {

  public static final String LICENSES_ISSUED = "licensesIssued";
  public static final String ISSUED_ON_APPEAL = "issuedOnAppeal";
  public static final String REFUSALS = "refusals";
  public static final String SUSPENSIONS = "suspensions";
  public static final String REVOCATIONS = "revocations";
  public static final String SHUTDOWNS_ORDERED = "shutdownsOrdered";
  public static final String SHUTDOWNS_VERIFIED = "shutdownsVerified";
  public static final String MISUSE_REPORTS = "misuseReports";
  public static final String WITHDRAWALS = "withdrawals";

  public static final String COUNT = "count";
  public static final String TOTAL_VALUE_EUR = "totalValueEur";
  public static final String VALUE_NOT_CONVERTED = "valueNotConverted";
  public static final String SCREENING_REJECTIONS = "screeningRejections";
  /** A licensing officer's refusal per criterion it rests on: {@code criterion.<CODE>} (issue 17). */
  public static final String CRITERION = "criterion";
  public static final String MEDIAN_DAYS_TO_VERIFICATION = "medianDaysToVerification";
  public static final String CLOSED = "closed";
  /** Measures that are not counts: never shown as {@code <3}, but withheld with a row's small count. */
  public static final List<String> NOT_COUNTS = List.of(TOTAL_VALUE_EUR, MEDIAN_DAYS_TO_VERIFICATION);

  private static final String SCREENING = "screening";

  private final JdbcClient jdbc;
  private final StatisticsProperties properties;
  private final ZoneId zone;
  private final Clock clock;
  private final List<TransparencySection> contributed;

  public TransparencyFigures(JdbcClient jdbc, StatisticsProperties properties, ZoneId zone, Clock clock,
      List<TransparencySection> contributed) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.zone = zone;
    this.clock = clock;
    this.contributed = contributed;
  }

  public TransparencyReport report(int year) {
    OffsetDateTime from = LocalDate.of(year, 1, 1).atStartOfDay(zone).toOffsetDateTime();
    OffsetDateTime until = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toOffsetDateTime();
    List<TransparencyReport.Section> sections = new ArrayList<>();
    sections.add(section(LICENSES_ISSUED, List.of(COUNT, TOTAL_VALUE_EUR, VALUE_NOT_CONVERTED), licensesIssued(from, until)));
    sections.add(section(ISSUED_ON_APPEAL, List.of(COUNT), counted("""
        select a.end_user_country, a.product_category from license l join application a on a.id = l.application_id
        where l.issued_on_appeal and l.issued_at >= ? and l.issued_at < ?""", from, until)));
    sections.add(section(REFUSALS, List.of(COUNT, SCREENING_REJECTIONS), refusals(from, until)));
    sections.add(section(SUSPENSIONS, List.of(COUNT), counted("""
        select a.end_user_country, a.product_category from license_suspension s
          join license l on l.license_number = s.license_number join application a on a.id = l.application_id
        where s.imposed_at >= ? and s.imposed_at < ?""", from, until)));
    sections.add(section(REVOCATIONS, List.of(COUNT), counted("""
        select a.end_user_country, a.product_category from license l join application a on a.id = l.application_id
        where l.revoked_at >= ? and l.revoked_at < ?""", from, until)));
    sections.add(section(SHUTDOWNS_ORDERED, List.of(COUNT), counted("""
        select a.end_user_country, a.product_category from license_shutdown s
          join license l on l.license_number = s.license_number join application a on a.id = l.application_id
        where s.ordered_at >= ? and s.ordered_at < ?""", from, until)));
    sections.add(section(SHUTDOWNS_VERIFIED, List.of(COUNT), shutdownsVerified(from, until)));
    sections.add(section(MISUSE_REPORTS, List.of(COUNT, CLOSED), misuseReports(from, until)));
    sections.add(section(WITHDRAWALS, List.of(COUNT), counted("""
        select a.end_user_country, a.product_category from application a
        where exists (select 1 from decision_log d where d.subject = a.reference and d.action = 'WITHDRAWN'
                        and d.at >= ? and d.at < ?)""", from, until)));
    for (TransparencySection section : contributed) {
      sections.add(section(section.name(), section.baseMeasures(), section.events(from, until)));
    }
    return new TransparencyReport(year, Instant.now(clock), sections);
  }

  private List<Event> licensesIssued(OffsetDateTime from, OffsetDateTime until) {
    return jdbc.sql("""
            select a.end_user_country, a.product_category, a.contract_amount, a.contract_currency
            from license l join application a on a.id = l.application_id
            where l.issued_at >= ? and l.issued_at < ?""")
        .params(from, until)
        .query((rs, i) -> {
          Map<String, BigDecimal> adds = new LinkedHashMap<>();
          adds.put(COUNT, BigDecimal.ONE);
          BigDecimal amount = rs.getBigDecimal("contract_amount");
          if (amount != null) {
            properties.eurRate(rs.getString("contract_currency")).ifPresentOrElse(
                rate -> adds.put(TOTAL_VALUE_EUR, amount.multiply(rate)),
                () -> adds.put(VALUE_NOT_CONVERTED, BigDecimal.ONE));
          }
          return new Event(rs.getString(1), rs.getString(2), adds, Map.of());
        }).list();
  }

  /**
   * Every refusal standing at the end of the year's events, and among them the screening's (by the
   * screening table's reason codes) and a licensing officer's by the criteria it rests on. A refusal
   * overturned on appeal is no longer one: its license counts in licensesIssued and issuedOnAppeal.
   */
  private List<Event> refusals(OffsetDateTime from, OffsetDateTime until) {
    return jdbc.sql("""
            select end_user_country, product_category, decided_by, decision_reasons, refusal_criteria from application
            where decision_outcome = 'REJECTED' and decided_at >= ? and decided_at < ?""")
        .params(from, until)
        .query((rs, i) -> {
          Map<String, BigDecimal> adds = new LinkedHashMap<>();
          adds.put(COUNT, BigDecimal.ONE);
          if (SCREENING.equals(rs.getString("decided_by"))) {
            adds.put(SCREENING_REJECTIONS, BigDecimal.ONE);
            String reasons = rs.getString("decision_reasons");
            if (reasons != null && !reasons.isBlank()) {
              Arrays.stream(reasons.split(",")).distinct()
                  .forEach(code -> adds.put(SCREENING_REJECTIONS + "." + code, BigDecimal.ONE));
            }
          } else {
            String criteria = rs.getString("refusal_criteria");
            if (criteria != null && !criteria.isBlank()) {
              Arrays.stream(criteria.split(",")).distinct()
                  .forEach(code -> adds.put(CRITERION + "." + code, BigDecimal.ONE));
            }
          }
          return new Event(rs.getString(1), rs.getString(2), adds, Map.of());
        }).list();
  }

  private List<Event> shutdownsVerified(OffsetDateTime from, OffsetDateTime until) {
    return jdbc.sql("""
            select a.end_user_country, a.product_category, s.ordered_at, s.verified_at from license_shutdown s
              join license l on l.license_number = s.license_number join application a on a.id = l.application_id
            where s.verified_at >= ? and s.verified_at < ?""")
        .params(from, until)
        .query((rs, i) -> {
          Duration taken = Duration.between(rs.getObject("ordered_at", OffsetDateTime.class),
              rs.getObject("verified_at", OffsetDateTime.class));
          return new Event(rs.getString(1), rs.getString(2), Map.of(COUNT, BigDecimal.ONE),
              Map.of(MEDIAN_DAYS_TO_VERIFICATION, taken.toMinutes() / 1440.0));
        }).list();
  }

  /** Received in the year ({@code count}, and per report category), closed in the year (per closing status). */
  private List<Event> misuseReports(OffsetDateTime from, OffsetDateTime until) {
    List<Event> events = new ArrayList<>(jdbc.sql("""
            select a.end_user_country, a.product_category, r.category from misuse_report r
              join license l on l.license_number = r.license_number join application a on a.id = l.application_id
            where r.received_at >= ? and r.received_at < ?""")
        .params(from, until)
        .query((rs, i) -> new Event(rs.getString(1), rs.getString(2),
            Map.of(COUNT, BigDecimal.ONE, "reportCategory." + rs.getString(3), BigDecimal.ONE), Map.of()))
        .list());
    events.addAll(jdbc.sql("""
            select a.end_user_country, a.product_category, r.status from misuse_report r
              join license l on l.license_number = r.license_number join application a on a.id = l.application_id
            where exists (select 1 from decision_log d where d.subject = r.reference and d.action = 'REPORT_CLOSED'
                            and d.at >= ? and d.at < ?)""")
        .params(from, until)
        .query((rs, i) -> new Event(rs.getString(1), rs.getString(2),
            Map.of(CLOSED, BigDecimal.ONE, "outcome." + rs.getString(3), BigDecimal.ONE), Map.of()))
        .list());
    return events;
  }

  private List<Event> counted(String sql, OffsetDateTime from, OffsetDateTime until) {
    return jdbc.sql(sql).params(from, until)
        .query((rs, i) -> Event.counted(rs.getString(1), rs.getString(2))).list();
  }

  /** The row of all events first, then one per country and category (sorted), each with the base measures. */
  static TransparencyReport.Section section(String name, List<String> baseMeasures, List<Event> events) {
    Map<String, List<Event>> byKey = new TreeMap<>();
    for (Event event : events) {
      byKey.computeIfAbsent(event.country() + "\u0000" + event.category(), k -> new ArrayList<>()).add(event);
    }
    List<TransparencyReport.Row> rows = new ArrayList<>();
    rows.add(row(TransparencyReport.ALL, TransparencyReport.ALL, baseMeasures, events));
    byKey.values().forEach(group -> rows.add(row(group.get(0).country(), group.get(0).category(), baseMeasures, group)));
    return new TransparencyReport.Section(name, List.copyOf(rows));
  }

  private static TransparencyReport.Row row(String country, String category, List<String> baseMeasures, List<Event> events) {
    Map<String, BigDecimal> measures = new LinkedHashMap<>();
    baseMeasures.forEach(m -> measures.put(m, BigDecimal.ZERO));
    Map<String, BigDecimal> others = new TreeMap<>();
    Map<String, List<Double>> samples = new TreeMap<>();
    for (Event event : events) {
      event.adds().forEach((measure, value) ->
          (measures.containsKey(measure) ? measures : others).merge(measure, value, BigDecimal::add));
      event.samples().forEach((measure, value) -> samples.computeIfAbsent(measure, m -> new ArrayList<>()).add(value));
    }
    measures.putAll(others);
    samples.forEach((measure, values) -> measures.put(measure,
        BigDecimal.valueOf(median(values)).setScale(1, RoundingMode.HALF_UP)));
    measures.computeIfPresent(TOTAL_VALUE_EUR, (m, v) -> v.setScale(2, RoundingMode.HALF_UP));
    return new TransparencyReport.Row(country, category, measures);
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
