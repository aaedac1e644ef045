package org.exportcontrol.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exportcontrol.support.LicenseReviewDriver.application;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.exportcontrol.support.WebappSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** Who may read the statistics, publish them, see the meters and the dashboard (issue 19); and bad input is 400. */
class StatisticsSecurityTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired StatisticsMetrics metrics;
  @Autowired io.micrometer.core.instrument.MeterRegistry registry;

  @Test
  void staffAndAdministratorsReadTheFiguresApplicantsAndStrangersDoNot() {
    for (String path : List.of("/api/statistics/transparency", "/api/statistics/operations")) {
      assertThat(rest.getForEntity(path, String.class).getStatusCode().value()).as(path).isEqualTo(401);
      assertThat(as("exporter").getForEntity(path, String.class).getStatusCode().value()).as(path).isEqualTo(403);
      for (String user : List.of("tech", "legal", "foreign", "officer", "compliance", "admin")) {
        assertThat(as(user).getForEntity(path, String.class).getStatusCode().value()).as(user + " " + path).isEqualTo(200);
      }
    }
  }

  @Test
  void onlyAnAdministratorPublishes() {
    String path = "/api/statistics/transparency/2020/publication";
    assertThat(rest.postForEntity(path, null, String.class).getStatusCode().value()).isEqualTo(401);
    for (String user : List.of("exporter", "officer", "compliance")) {
      assertThat(as(user).postForEntity(path, null, String.class).getStatusCode().value()).as(user).isEqualTo(403);
    }
    assertThat(rest.getForEntity("/transparency/2020", String.class).getStatusCode().value()).as("nothing published")
        .isEqualTo(404);
    // the public pages take no writes
    assertThat(rest.postForEntity("/transparency/2020", null, String.class).getStatusCode().value()).isIn(401, 403);
  }

  @Test
  void aBadYearOrPeriodIsRefusedNamingTheField() {
    LicenseReviewDriver driver = new LicenseReviewDriver(processEngine, rest);
    assertField(driver.get("officer", "/api/statistics/transparency?year=20x6"), "year");
    assertField(driver.get("officer", "/api/statistics/transparency?year=1999"), "year");
    assertField(driver.get("officer", "/api/statistics/transparency?year=2999"), "year");
    assertField(driver.post("admin", "/api/statistics/transparency/2999/publication", null), "year");
    assertField(driver.post("admin", "/api/statistics/transparency/x/publication", null), "year");
    assertField(driver.get("officer", "/api/statistics/operations?from=yesterday"), "from");
    assertField(driver.get("officer", "/api/statistics/operations?from=2026-02-30"), "from");
    assertField(driver.get("officer", "/api/statistics/operations?from=2026-03-01&to=2026-02-01"), "to");
  }

  @Test
  void theCsvIsGivenWhenAskedFor() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.ACCEPT, "text/csv");
    ResponseEntity<String> csv = as("officer").exchange("/api/statistics/transparency?year=2020", HttpMethod.GET,
        new HttpEntity<>(headers), String.class);
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(csv.getBody()).startsWith("section,country,category,measure,value\r\nlicensesIssued,ALL,ALL,count,0\r\n");
    headers.set(HttpHeaders.ACCEPT, "application/json, text/csv;q=0.5");
    assertThat(as("officer").exchange("/api/statistics/transparency?year=2020", HttpMethod.GET, new HttpEntity<>(headers),
        String.class).getHeaders().getContentType().toString()).startsWith("application/json");
    assertThat(StatisticsController.wantsCsv("text/csv;q=0.9, */*;q=0.1")).isTrue();
    assertThat(StatisticsController.wantsCsv("*/*")).isFalse();
    assertThat(StatisticsController.wantsCsv(null)).isFalse();
  }

  @Test
  void theMetersAreForAdministratorsOnly() {
    metrics.refresh();
    long decisionsBefore = registry.get("exportcontrol.decision.working.days").summary().count();
    LicenseReviewDriver driver = new LicenseReviewDriver(processEngine, rest);
    String open = (String) driver.submit("exporter", application("FR")).get("reference");
    driver.license("DE");
    metrics.refresh();
    assertThat(registry.get("exportcontrol.decision.working.days").summary().count() - decisionsBefore)
        .as("the new decision recorded once").isEqualTo(1);
    assertThat(registry.get("exportcontrol.decision.time").timer().count()).isPositive();
    metrics.refresh();
    assertThat(registry.get("exportcontrol.decision.working.days").summary().count() - decisionsBefore).isEqualTo(1);
    assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode().value()).isEqualTo(401);
    assertThat(as("officer").getForEntity("/actuator/prometheus", String.class).getStatusCode().value()).isEqualTo(403);
    ResponseEntity<String> scrape = as("admin").getForEntity("/actuator/prometheus", String.class);
    assertThat(scrape.getStatusCode().value()).isEqualTo(200);
    assertThat(scrape.getBody()).contains("exportcontrol_cases_open{", "step=\"technicalReview\"",
        "exportcontrol_applications_open{", "exportcontrol_decision_working_days", "exportcontrol_decision_time_seconds");
    String instance = driver.processInstanceOf(open);
    Privileged.run("test clean-up", () -> processEngine.getRuntimeService().deleteProcessInstance(instance, "test over"));
  }

  @Test
  void theDashboardIsForStaffLoggedIntoTheWebapps() {
    HttpResponse<String> anonymous = WebappSession.anonymous(port).get("/dashboard");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/camunda/app/tasklist/default/"));
    // an exporter has no webapp login, so no dashboard either
    WebappSession exporter = WebappSession.anonymous(port);
    assertThat(exporter.logIn("exporter")).isNotEqualTo(200);
    assertThat(exporter.get("/dashboard").statusCode()).isEqualTo(302);
    HttpResponse<String> page = WebappSession.loggedIn(port, "legal").get("/dashboard");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<svg", "Open cases by current step", "Overdue tasks by group",
        "targets: 20 and 60", "Transparency figures");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("script-src 'self'"));
    // HTTP Basic does not open it: the dashboard is a page of the webapps' session
    // (the client follows the redirect to Tasklist's login page)
    assertThat(as("legal").getForEntity("/dashboard", String.class).getBody()).doesNotContain("Open cases by current step");
  }

  private static void assertField(ResponseEntity<Map<String, Object>> answer, String field) {
    assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(400);
    assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(((List<?>) answer.getBody().get("errors")).stream().map(e -> String.valueOf(((Map<?, ?>) e).get("field"))).toList())
        .containsExactly(field);
  }
}
