package org.exportcontrol.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Working days, the clock stopped by questions, medians and percentiles, and the public suppression (issue 19). */
class WorkingDaysUnitTest {

  private final WorkingDays days = new WorkingDays(List.of(LocalDate.parse("2026-12-25")));

  @Test
  void weekendsAndHolidaysAreNoWorkingDays() {
    // Friday 4 to Monday 7 December 2026
    assertThat(days.between(d("2026-12-04"), d("2026-12-07"))).isEqualTo(1);
    assertThat(days.between(d("2026-12-04"), d("2026-12-04"))).as("the same day").isZero();
    assertThat(days.between(d("2026-12-07"), d("2026-12-04"))).as("backwards").isZero();
    // Monday 21 to Monday 28: the 25th is a holiday
    assertThat(days.between(d("2026-12-21"), d("2026-12-28"))).isEqualTo(4);
    assertThat(days.isWorkingDay(d("2026-12-25"))).isFalse();
    assertThat(days.isWorkingDay(d("2026-12-26"))).isFalse();
    assertThat(days.isWorkingDay(d("2026-12-24"))).isTrue();
  }

  @Test
  void aQuestionStopsTheClockFromTheDayAfterItWasAskedToTheDayOfTheAnswer() {
    // Monday 7 to Friday 18 December: 9 working days; asked Thursday 10th, answered Tuesday 15th: Fri, Mon, Tue stopped
    List<WorkingDays.Stop> stop = List.of(new WorkingDays.Stop(d("2026-12-10"), d("2026-12-15")));
    assertThat(days.between(d("2026-12-07"), d("2026-12-18"))).isEqualTo(9);
    assertThat(days.between(d("2026-12-07"), d("2026-12-18"), stop)).isEqualTo(6);
    // a second question overlapping the first stops no day twice
    List<WorkingDays.Stop> overlapping = List.of(stop.get(0), new WorkingDays.Stop(d("2026-12-11"), d("2026-12-14")));
    assertThat(days.between(d("2026-12-07"), d("2026-12-18"), overlapping)).isEqualTo(6);
    // asked on Friday, answered on Monday: the weekend was no working day anyway, Monday is stopped
    assertThat(days.between(d("2026-12-07"), d("2026-12-18"),
        List.of(new WorkingDays.Stop(d("2026-12-11"), d("2026-12-14"))))).isEqualTo(8);
  }

  @Test
  void mediansAndNearestRankPercentiles() {
    assertThat(OperationsFigures.median(List.of(9, 85, 42))).isEqualTo(42.0);
    assertThat(OperationsFigures.median(List.of(1, 2, 3, 10))).isEqualTo(2.5);
    assertThat(OperationsFigures.median(List.of())).isNull();
    assertThat(OperationsFigures.percentile(List.of(9, 85, 42), 90)).isEqualTo(85.0);
    assertThat(OperationsFigures.percentile(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90)).isEqualTo(9.0);
    assertThat(OperationsFigures.percentile(List.of(), 90)).isNull();
    assertThat(OperationsFigures.share(List.of(20, 21, 60), 20)).isEqualTo(0.333);
    assertThat(OperationsFigures.share(List.of(20, 21, 60), 60)).isEqualTo(1.0);
    assertThat(TransparencyFigures.median(List.of(5.0, 1.0))).isEqualTo(3.0);
  }

  @Test
  void countsOfOneAndTwoAreSuppressedAndTheirRowsValueWithheld() {
    TransparencyReport report = new TransparencyReport(2026, Instant.parse("2027-01-02T00:00:00Z"), List.of(
        new TransparencyReport.Section("licensesIssued", List.of(
            row("ALL", "3", "750000.00"), row("FR", "1", "250000.00"), row("DE", "2", "500000.00"), row("NL", "0", "0.00")))));
    PublicReport shown = PublicReport.of(new TransparencyPublications.Publication(2026, 1, report.generatedAt(), "admin", report));
    List<PublicReport.Row> rows = shown.sections().get(0).rows();
    assertThat(rows.get(0).measures()).containsEntry("count", "3").containsEntry("totalValueEur", "750000.00");
    assertThat(rows.get(1).measures()).containsEntry("count", "<3").containsEntry("totalValueEur", "withheld");
    assertThat(rows.get(2).measures()).containsEntry("count", "<3").containsEntry("totalValueEur", "withheld");
    assertThat(rows.get(3).measures()).containsEntry("count", "0").containsEntry("totalValueEur", "0.00");
    assertThat(shown.toCsv()).startsWith("section,country,category,measure,value\r\n")
        .contains("licensesIssued,FR,INTERCEPTION,count,<3\r\n");
  }

  @Test
  void aSingleHiddenFigureIsProtectedByWithholdingTheNextSmallest() {
    TransparencyReport report = new TransparencyReport(2026, Instant.parse("2027-01-02T00:00:00Z"), List.of(
        new TransparencyReport.Section("licensesIssued", List.of(
            row("ALL", "13", "1300.00"), row("DE", "5", "500.00"), row("FR", "1", "100.00"), row("NL", "3", "300.00"),
            row("SE", "4", "400.00"), row("US", "0", "0.00")))));
    List<PublicReport.Row> rows = PublicReport.of(
        new TransparencyPublications.Publication(2026, 1, report.generatedAt(), "admin", report)).sections().get(0).rows();
    assertThat(rows.get(0).measures()).containsEntry("count", "13").containsEntry("totalValueEur", "1300.00");
    assertThat(rows.get(1).measures()).containsEntry("count", "5").containsEntry("totalValueEur", "500.00");
    assertThat(rows.get(2).measures()).containsEntry("count", "<3").containsEntry("totalValueEur", "withheld");
    // the next smallest: 13 - 5 - 4 = 4 is all one can tell of France and the Netherlands together
    assertThat(rows.get(3).measures()).containsEntry("count", "withheld").containsEntry("totalValueEur", "withheld");
    assertThat(rows.get(4).measures()).containsEntry("count", "4").containsEntry("totalValueEur", "400.00");
    assertThat(rows.get(5).measures()).as("a zero hides nothing").containsEntry("count", "0");
  }

  @Test
  void aCsvFieldWithACommaOrQuoteIsQuoted() {
    assertThat(Csv.line(List.of("a", "b,c", "d\"e", ""))).isEqualTo("a,\"b,c\",\"d\"\"e\",\r\n");
  }

  private static TransparencyReport.Row row(String country, String count, String value) {
    Map<String, BigDecimal> measures = new LinkedHashMap<>();
    measures.put("count", new BigDecimal(count));
    measures.put("totalValueEur", new BigDecimal(value));
    return new TransparencyReport.Row(country, country.equals("ALL") ? "ALL" : "INTERCEPTION", measures);
  }

  private static LocalDate d(String date) {
    return LocalDate.parse(date);
  }
}
