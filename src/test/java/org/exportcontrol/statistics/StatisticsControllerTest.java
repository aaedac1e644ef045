package org.exportcontrol.statistics;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exportcontrol.api.ConflictException;
import org.exportcontrol.support.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** HTTP rules of /api/statistics (issue 19): who may call, the year and the period checked, JSON or CSV, 201 and 409. */
@WebMvcTest(StatisticsController.class)
@Import(StatisticsControllerTest.Today.class)
class StatisticsControllerTest extends ControllerSlice {

  static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  @TestConfiguration
  static class Today {
    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean
    ZoneId agencyTimeZone() {
      return ZoneId.of("Europe/London");
    }
  }

  @MockitoBean TransparencyFigures figures;
  @MockitoBean TransparencyPublications publications;
  @MockitoBean OperationsFigures operations;

  @Test
  void theReportIsJsonByDefaultAndCsvWhenAskedFor() throws Exception {
    when(figures.report(2025)).thenReturn(report());
    mvc.perform(get("/api/statistics/transparency?year=2025").with(as("legal", LEGAL_REVIEWERS)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.year").value(2025))
        .andExpect(jsonPath("$.sections.licensesIssued[0].country").value("ALL"))
        .andExpect(jsonPath("$.sections.licensesIssued[0].count").value(3))
        .andExpect(jsonPath("$.sections.licensesIssued[1].totalValueEur").value(1.5));
    mvc.perform(get("/api/statistics/transparency?year=2025").header("Accept", "text/csv").with(as("legal", LEGAL_REVIEWERS)))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
        .andExpect(content().string("section,country,category,measure,value\r\n"
            + "licensesIssued,ALL,ALL,count,3\r\n"
            + "licensesIssued,\"A,B\",INTERCEPTION,count,3\r\n"
            + "licensesIssued,\"A,B\",INTERCEPTION,totalValueEur,1.50\r\n"));
  }

  @Test
  void withoutAYearItIsThisYearsAndABadYearIsNamed() throws Exception {
    when(figures.report(2026)).thenReturn(report());
    mvc.perform(get("/api/statistics/transparency").with(as("admin", ADMIN))).andExpect(status().isOk());
    verify(figures).report(2026);
    for (String year : List.of("1999", "2027", "26", "20 6", "２０２６")) {
      mvc.perform(get("/api/statistics/transparency").param("year", year).with(as("admin", ADMIN)))
          .andExpect(invalidFields("year"));
    }
  }

  @Test
  void onlyStaffReadAndOnlyAdministratorsPublish() throws Exception {
    mvc.perform(get("/api/statistics/transparency")).andExpect(unauthorized());
    mvc.perform(get("/api/statistics/operations")).andExpect(unauthorized());
    mvc.perform(get("/api/statistics/transparency").with(as("exporter", APPLICANTS))).andExpect(forbidden());
    mvc.perform(get("/api/statistics/operations").with(as("exporter", APPLICANTS))).andExpect(forbidden());
    mvc.perform(post("/api/statistics/transparency/2025/publication").with(as("officer", LICENSING_OFFICERS)))
        .andExpect(forbidden());
    mvc.perform(post("/api/statistics/transparency").with(as("admin", ADMIN))).andExpect(forbidden());
    verifyNoInteractions(figures, publications, operations);
  }

  @Test
  void aPublicationIsCreatedAndASimultaneousOneIsAConflict() throws Exception {
    when(publications.publish(2025, "admin")).thenReturn(
        new TransparencyPublications.Publication(2025, 2, NOW, "admin", report()));
    mvc.perform(post("/api/statistics/transparency/2025/publication").with(as("admin", ADMIN)))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/transparency/2025"))
        .andExpect(jsonPath("$.publication").value(2))
        .andExpect(jsonPath("$.publishedAt").value("2026-12-06T12:00:00Z"));
    when(publications.publish(2024, "admin")).thenThrow(new ConflictException("Another publication"));
    mvc.perform(post("/api/statistics/transparency/2024/publication").with(as("admin", ADMIN)))
        .andExpect(problem(409, "Conflict"));
    mvc.perform(post("/api/statistics/transparency/2030/publication").with(as("admin", ADMIN)))
        .andExpect(invalidFields("year"));
  }

  @Test
  void thePeriodDefaultsToThisYearSoFarAndIsChecked() throws Exception {
    when(operations.operations(any(), any())).thenReturn(null);
    mvc.perform(get("/api/statistics/operations").with(as("tech", TECHNICAL_REVIEWERS))).andExpect(status().isOk());
    verify(operations).operations(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-06"));
    mvc.perform(get("/api/statistics/operations?from=2026-13-01").with(as("tech", TECHNICAL_REVIEWERS)))
        .andExpect(invalidFields("from"));
    mvc.perform(get("/api/statistics/operations?to=1999-12-31").with(as("tech", TECHNICAL_REVIEWERS)))
        .andExpect(invalidFields("to"));
    mvc.perform(get("/api/statistics/operations?from=2026-05-01&to=2026-04-30").with(as("tech", TECHNICAL_REVIEWERS)))
        .andExpect(invalidFields("to"));
    mvc.perform(get("/api/statistics/operations?from=2000-01-01&to=2026-01-01").with(as("tech", TECHNICAL_REVIEWERS)))
        .andExpect(invalidFields("to"));
  }

  private static TransparencyReport report() {
    Map<String, BigDecimal> all = new LinkedHashMap<>();
    all.put("count", BigDecimal.valueOf(3));
    Map<String, BigDecimal> row = new LinkedHashMap<>();
    row.put("count", BigDecimal.valueOf(3));
    row.put("totalValueEur", new BigDecimal("1.50"));
    return new TransparencyReport(2025, NOW, List.of(new TransparencyReport.Section("licensesIssued", List.of(
        new TransparencyReport.Row("ALL", "ALL", all), new TransparencyReport.Row("A,B", "INTERCEPTION", row)))));
  }
}
