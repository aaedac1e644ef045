package org.exportcontrol.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exportcontrol.statistics.StatisticsApiTest.at;
import static org.exportcontrol.statistics.StatisticsApiTest.row;
import static org.exportcontrol.support.LicenseReviewDriver.application;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Publishing a year's transparency report (issue 19): absent before, frozen after, the same on every
 * request, small counts suppressed, no exporter named; a correction is a new numbered publication.
 * The engine's clock is in 2044, a year only this test uses.
 */
class TransparencyPublicationTest extends IntegrationTest {

  @org.springframework.beans.factory.annotation.Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  private LicenseReviewDriver driver;

  @BeforeEach
  void driver() {
    driver = new LicenseReviewDriver(processEngine, rest);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aPublishedYearIsPublicFrozenAndSuppressesSmallCounts() {
    at("2045-01-10T10:00:00Z");
    for (String path : List.of("/transparency/2044", "/transparency/2044.csv", "/transparency/2044.json")) {
      assertThat(rest.getForEntity(path, String.class).getStatusCode().value()).as(path).isEqualTo(404);
    }

    at("2044-02-03T10:00:00Z");
    driver.license("FR");
    at("2044-02-04T10:00:00Z");
    for (int i = 0; i < 3; i++) {
      driver.license("DE");
      driver.license("NL");
    }
    at("2045-01-10T10:00:00Z");
    ResponseEntity<Map<String, Object>> published = driver.post("admin", "/api/statistics/transparency/2044/publication", null);
    assertThat(published.getStatusCode().value()).as(String.valueOf(published.getBody())).isEqualTo(201);
    assertThat(published.getHeaders().getLocation()).hasPath("/transparency/2044");
    assertThat(published.getBody()).containsEntry("year", 2044).containsEntry("publication", 1);

    // anyone, without a login; the same answer every time
    String page = rest.getForObject("/transparency/2044", String.class);
    assertThat(rest.getForObject("/transparency/2044", String.class)).isEqualTo(page);
    String json = rest.getForObject("/transparency/2044.json", String.class);
    assertThat(rest.getForObject("/transparency/2044.json", String.class)).isEqualTo(json);
    String csv = rest.getForObject("/transparency/2044.csv", String.class);
    assertThat(rest.getForObject("/transparency/2044.csv", String.class)).isEqualTo(csv);
    assertThat(page).contains("<svg", "Licenses issued", "Netherlands (NL)", "Publication <span>1</span>", "&lt;3");
    for (String body : List.of(page, json, csv)) {
      // neither the exporter's name nor its company nor the users who applied or published
      assertThat(body).doesNotContain("Demo Cyber", "demo-cyber", ">exporter<", "\"exporter\"", ",exporter", "admin");
    }

    // one French license: a count below 3, and its value withheld; the total minus the others would tell them, so
    // the next smallest (Germany's, first of the two with 3) are withheld too; the Dutch in full
    Map<String, Object> report = publicJson();
    assertThat(row(report, "licensesIssued", "FR", "INTERCEPTION")).containsEntry("count", "<3")
        .containsEntry("totalValueEur", "withheld");
    assertThat(row(report, "licensesIssued", "DE", "INTERCEPTION")).containsEntry("count", "withheld")
        .containsEntry("totalValueEur", "withheld");
    assertThat(row(report, "licensesIssued", "NL", "INTERCEPTION")).containsEntry("count", 3)
        .containsEntry("totalValueEur", 750000.00);
    assertThat(row(report, "licensesIssued", "ALL", "ALL")).containsEntry("count", 7)
        .containsEntry("totalValueEur", 1750000.00);
    assertThat(row(report, "refusals", "ALL", "ALL")).containsEntry("count", 0);
    List<String> lines = Arrays.asList(csv.split("\r\n"));
    assertThat(lines).contains("licensesIssued,FR,INTERCEPTION,count,<3", "licensesIssued,FR,INTERCEPTION,totalValueEur,withheld",
        "licensesIssued,DE,INTERCEPTION,count,withheld", "licensesIssued,NL,INTERCEPTION,count,3",
        "licensesIssued,NL,INTERCEPTION,totalValueEur,750000.00");
    // the public CSV and JSON agree
    StatisticsApiTest.assertSameFigures(lines.subList(1, lines.size()), report);
    // staff see the unsuppressed figures
    assertThat(row(driver.get("officer", "/api/statistics/transparency?year=2044").getBody(), "licensesIssued", "FR",
        "INTERCEPTION")).containsEntry("count", 1);

    // a license recorded later for 2044 does not change the publication ...
    at("2044-06-01T10:00:00Z");
    driver.license("FR");
    at("2045-02-01T10:00:00Z");
    assertThat(rest.getForObject("/transparency/2044", String.class)).isEqualTo(page);
    assertThat(rest.getForObject("/transparency/2044.json", String.class)).isEqualTo(json);
    // ... until the next publication, numbered 2, which names the one it replaces
    ResponseEntity<Map<String, Object>> corrected = driver.post("admin", "/api/statistics/transparency/2044/publication", null);
    assertThat(corrected.getStatusCode().value()).isEqualTo(201);
    assertThat(corrected.getBody()).containsEntry("publication", 2);
    assertThat(row(publicJson(), "licensesIssued", "FR", "INTERCEPTION")).containsEntry("count", "<3");
    assertThat(row(publicJson(), "licensesIssued", "ALL", "ALL")).containsEntry("count", 8);
    assertThat(publicJson()).containsEntry("publication", 2);
    assertThat(rest.getForObject("/transparency/2044", String.class)).contains("Publication <span>2</span>", "replaces",
        "no. 1 of 2045-01-10 10:00 UTC");
    assertThat(rest.getForObject("/transparency", String.class)).contains("href=\"/transparency/2044\"");
  }

  @Test
  void anUnpublishedOrMalformedYearIsNotFound() {
    for (String path : List.of("/transparency/1999", "/transparency/abcd", "/transparency/2044.xml", "/transparency/<b>")) {
      ResponseEntity<String> answer = rest.getForEntity(path, String.class);
      assertThat(answer.getStatusCode().value()).as(path).isEqualTo(404);
    }
    assertThat(rest.getForEntity("/transparency/%3Cscript%3E", String.class).getBody()).doesNotContain("<script>");
  }

  @Test
  void everyTextOfAPublicationIsEscaped() {
    // a reason code or category is data (a decision table, a stored publication): it is written as text, never as markup
    jdbc.sql("""
            insert into transparency_publication (report_year, publication_number, published_at, published_by, generated_at, figures)
            values (2039, 1, ?, 'admin', ?, ?)""")
        .params(java.time.OffsetDateTime.parse("2040-01-02T10:00:00Z"), java.time.OffsetDateTime.parse("2040-01-02T10:00:00Z"),
            "[{\"section\":\"licensesIssued\",\"country\":\"ALL\",\"category\":\"ALL\",\"measure\":\"count\",\"value\":3},"
                + "{\"section\":\"refusals\",\"country\":\"<i>X</i>\",\"category\":\"<script>alert(1)</script>\","
                + "\"measure\":\"screeningRejections.<img src=x onerror=alert(2)>\",\"value\":5}]")
        .update();
    String page = rest.getForObject("/transparency/2039", String.class);
    assertThat(page).doesNotContain("<script>alert", "<img src", "<i>X</i>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;", "&lt;i&gt;X&lt;/i&gt;");
    assertThat(rest.exchange("/transparency/2039", HttpMethod.HEAD, null, String.class).getStatusCode().value())
        .as("HEAD, as link checkers ask").isEqualTo(200);
    assertThat(rest.getForEntity("/transparency/2039", String.class).getHeaders().getFirst("Content-Security-Policy"))
        .contains("default-src 'none'").doesNotContain("script-src");
  }

  private Map<String, Object> publicJson() {
    return rest.exchange("/transparency/2044.json", HttpMethod.GET, null,
        new ParameterizedTypeReference<Map<String, Object>>() {}).getBody();
  }
}
