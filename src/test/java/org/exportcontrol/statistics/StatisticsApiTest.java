package org.exportcontrol.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exportcontrol.support.LicenseReviewDriver.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.exportcontrol.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The transparency report and the operations figures (issue 19), computed from cases this test creates
 * with known countries, values, outcomes and dates: the engine's clock is set to years no other test
 * uses (2041 to 2044), so the figures of those years are this test's alone.
 */
class StatisticsApiTest extends IntegrationTest {

  @Autowired JdbcClient jdbc;

  private LicenseReviewDriver driver;

  @BeforeEach
  void driver() {
    driver = new LicenseReviewDriver(processEngine, rest);
    TestUsers.ensure(processEngine, "manager", "licensing-managers");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void eachEventCountsInTheYearItHappenedByDestinationAndCategory() {
    at("2041-03-04T10:00:00Z");
    String france = driver.license("FR");
    at("2041-03-05T10:00:00Z");
    licensed(application("DE").replace("\"amount\": 250000, \"currency\": \"EUR\"", "\"amount\": 100000, \"currency\": \"USD\""));
    at("2041-03-06T10:00:00Z");
    licensed(application("DE").replace("\"amount\": 250000, \"currency\": \"EUR\"", "\"amount\": 1000000, \"currency\": \"JPY\"")
        .replace("\"INTERCEPTION\"", "\"INTRUSION_SOFTWARE\""));
    at("2041-05-06T10:00:00Z");
    assertThat(driver.submit("exporter", application("KP"))).containsEntry("status", "REJECTED");
    at("2041-06-04T10:00:00Z");
    refused(application("DE"));
    at("2041-07-01T10:00:00Z");
    Map<String, Object> withdrawn = driver.submit("exporter", application("GB"));
    assertThat(driver.post("exporter", "/api/applications/" + withdrawn.get("id") + "/withdraw", null)
        .getStatusCode().value()).isEqualTo(200);
    // the French license: a critical misuse report suspends it, it is revoked, its shutdown verified 5 days after the order
    at("2041-09-02T10:00:00Z");
    ProcessInstance report = misuseReport(france);
    driver.complete("compliance", driver.task(report.getId(), "triageMisuseReport"), Map.of("credible", true,
        "severity", "CRITICAL", "triageRationale", "Live targeting of a journalist"));
    driver.complete("compliance", driver.task(report.getId(), "investigateMisuse"), Map.of("finding", "SUBSTANTIATED",
        "investigationSummary", "Confirmed by two sources"));
    at("2041-09-03T10:00:00Z");
    driver.complete("officer", driver.task(report.getId(), "decideMisuseAction"), Map.of("misuseAction", "REVOKE",
        "actionRationale", "Used against a journalist"));
    at("2041-09-08T10:00:00Z");
    verifiedShutdown(france);
    driver.runAsyncJobs(report.getId());
    // across the year's end: submitted in 2041, licensed in 2042
    at("2041-12-30T10:00:00Z");
    Map<String, Object> late = driver.submit("exporter", application("FR"));
    String lateInstance = driver.approvedByTheReviewers(late, "tech");
    at("2042-01-04T10:00:00Z");
    driver.complete("officer", driver.task(lateInstance, "licensingDecision"), Map.of("licensingDecision", "APPROVE"));
    driver.runAsyncJobs(lateInstance);

    Map<String, Object> report2041 = transparency("2041");
    assertThat(report2041).containsEntry("year", 2041);
    assertThat(row(report2041, "licensesIssued", "ALL", "ALL")).containsEntry("count", 3)
        .containsEntry("totalValueEur", 340000.00).containsEntry("valueNotConverted", 1);
    assertThat(row(report2041, "licensesIssued", "FR", "INTERCEPTION")).containsEntry("count", 1)
        .containsEntry("totalValueEur", 250000.00).containsEntry("valueNotConverted", 0);
    assertThat(row(report2041, "licensesIssued", "DE", "INTERCEPTION")).containsEntry("count", 1)
        .containsEntry("totalValueEur", 90000.00);
    assertThat(row(report2041, "licensesIssued", "DE", "INTRUSION_SOFTWARE")).containsEntry("count", 1)
        .containsEntry("valueNotConverted", 1);
    assertThat(row(report2041, "refusals", "ALL", "ALL")).containsEntry("count", 2).containsEntry("screeningRejections", 1)
        .containsEntry("screeningRejections.COUNTRY_NOT_ELIGIBLE", 1);
    assertThat(row(report2041, "refusals", "DE", "INTERCEPTION")).containsEntry("count", 1).containsEntry("screeningRejections", 0)
        .containsEntry("criterion.HUMAN_RIGHTS_RISK", 1).containsEntry("criterion.DIVERSION_RISK", 1);
    assertThat(row(report2041, "refusals", "KP", "INTERCEPTION")).containsEntry("count", 1).containsEntry("screeningRejections", 1);
    for (String section : List.of("suspensions", "revocations", "shutdownsOrdered")) {
      assertThat(row(report2041, section, "FR", "INTERCEPTION")).as(section).containsEntry("count", 1);
      assertThat(rows(report2041, section)).as(section).hasSize(2);
    }
    assertThat(row(report2041, "shutdownsVerified", "FR", "INTERCEPTION")).containsEntry("count", 1)
        .containsEntry("medianDaysToVerification", 5.0);
    assertThat(row(report2041, "misuseReports", "FR", "INTERCEPTION")).containsEntry("count", 1).containsEntry("closed", 1)
        .containsEntry("reportCategory.JOURNALIST_OR_ACTIVIST_TARGETING", 1).containsEntry("outcome.CLOSED_REVOKED", 1);
    assertThat(row(report2041, "withdrawals", "ALL", "ALL")).containsEntry("count", 1);
    assertThat(row(report2041, "withdrawals", "GB", "INTERCEPTION")).containsEntry("count", 1);

    Map<String, Object> report2042 = transparency("2042");
    assertThat(row(report2042, "licensesIssued", "ALL", "ALL")).containsEntry("count", 1);
    assertThat(row(report2042, "licensesIssued", "FR", "INTERCEPTION")).containsEntry("count", 1);
    assertThat(row(report2042, "refusals", "ALL", "ALL")).containsEntry("count", 0);
    assertThat(rows(report2042, "revocations")).as("only the row of all destinations").hasSize(1);

    // the CSV holds the same figures, one per line
    ResponseEntity<String> csv = csv("/api/statistics/transparency?year=2041");
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    List<String> lines = Arrays.asList(csv.getBody().split("\r\n"));
    assertThat(lines.get(0)).isEqualTo("section,country,category,measure,value");
    assertSameFigures(lines.subList(1, lines.size()), report2041);
    assertThat(lines).contains("licensesIssued,ALL,ALL,totalValueEur,340000.00", "shutdownsVerified,FR,INTERCEPTION,medianDaysToVerification,5.0");
    // no exporter's name or company anywhere
    assertThat(csv.getBody()).doesNotContain("Demo Cyber", "demo-cyber");
  }

  @Test
  @SuppressWarnings("unchecked")
  void decisionTimeCountsWorkingDaysWithTheClockStoppedWhileAQuestionIsOpen() {
    // Monday 2 March 2043; the legal reviewer asks on Thursday 5th, the answer comes on Tuesday 10th (a weekend
    // between); approved on Thursday 19th, with Tuesday 17th a holiday: 12 working days, 3 of them stopped
    at("2043-03-02T10:00:00Z");
    Map<String, Object> asked = driver.submit("exporter", application("FR"));
    Map<String, Object> refusedLater = driver.submit("exporter", application("DE"));
    Map<String, Object> slow = driver.submit("exporter", application("NL"));
    assertThat(driver.submit("exporter", application("KP"))).containsEntry("status", "REJECTED");
    String instance = driver.processInstanceOf((String) asked.get("reference"));
    at("2043-03-05T10:00:00Z");
    driver.complete("legal", driver.task(instance, "legalReview"), Map.of("legalRecommendation", "REQUEST_INFORMATION",
        "legalComments", "Which court authorises use?"));
    String requestId = (String) ((Map<?, ?>) ((List<?>) driver.view("exporter", (String) asked.get("id"))
        .get("openRequests")).get(0)).get("requestId");
    at("2043-03-10T10:00:00Z");
    assertThat(driver.post("exporter", "/api/applications/" + asked.get("id") + "/responses",
        "{\"requestId\": \"" + requestId + "\", \"message\": \"The investigating judge\"}").getStatusCode().value()).isEqualTo(200);
    at("2043-03-19T10:00:00Z");
    driver.approvedByTheReviewers(asked, "tech");
    driver.complete("officer", driver.task(instance, "licensingDecision"), Map.of("licensingDecision", "APPROVE"));
    driver.runAsyncJobs(instance);
    at("2043-04-30T10:00:00Z");
    refuse(refusedLater);
    at("2043-06-30T10:00:00Z");
    refuse(slow);

    Map<String, Object> operations = driver.get("officer", "/api/statistics/operations?from=2043-01-01&to=2043-12-31").getBody();
    Map<?, ?> decisions = (Map<?, ?>) operations.get("decisions");
    assertThat(decisions.get("count")).isEqualTo(4);
    assertThat(decisions.get("byScreening")).isEqualTo(1);
    // 9, 42 and 85 working days
    assertThat(decisions.get("medianWorkingDays")).isEqualTo(42.0);
    assertThat(decisions.get("p90WorkingDays")).isEqualTo(85.0);
    assertThat(decisions.get("shareWithin20WorkingDays")).isEqualTo(0.333);
    assertThat(decisions.get("shareWithin60WorkingDays")).isEqualTo(0.667);
    assertThat((List<Object>) decisions.get("distribution")).containsExactly(
        Map.of("workingDays", "0-5", "decisions", 0), Map.of("workingDays", "6-10", "decisions", 1),
        Map.of("workingDays", "11-20", "decisions", 0), Map.of("workingDays", "21-40", "decisions", 0),
        Map.of("workingDays", "41-60", "decisions", 1), Map.of("workingDays", "over 60", "decisions", 1));
    // only March: the one approval
    Map<?, ?> march = (Map<?, ?>) driver.get("officer", "/api/statistics/operations?from=2043-03-01&to=2043-03-31")
        .getBody().get("decisions");
    assertThat(march.get("count")).isEqualTo(2);
    assertThat(march.get("medianWorkingDays")).isEqualTo(9.0);
    assertThat(march.get("shareWithin20WorkingDays")).isEqualTo(1.0);
    Map<?, ?> legalReview = (Map<?, ?>) ((Map<?, ?>) operations.get("timePerStep")).get("legalReview");
    assertThat((Integer) legalReview.get("completed")).isEqualTo(4);
  }

  @Test
  void openCasesAndOverdueTasksAreCountedPerStepAndGroup() {
    at("2050-01-01T10:00:00Z");
    Map<String, Object> before = driver.get("officer", "/api/statistics/operations").getBody();
    at("2049-11-01T10:00:00Z");
    Map<String, Object> open = driver.submit("exporter", application("FR"));
    at("2050-01-01T10:00:00Z");
    Map<String, Object> after = driver.get("officer", "/api/statistics/operations").getBody();
    assertThat(count(after, "openCases", "byStatus", "IN_REVIEW") - count(before, "openCases", "byStatus", "IN_REVIEW")).isEqualTo(1);
    assertThat(count(after, "openCases", "byStep", "technicalReview") - count(before, "openCases", "byStep", "technicalReview")).isEqualTo(1);
    for (String group : List.of("technical-reviewers", "legal-reviewers", "foreign-affairs-reviewers")) {
      assertThat(count(after, "overdueTasks", "byGroup", group) - count(before, "overdueTasks", "byGroup", group))
          .as(group).isEqualTo(1);
    }
    assertThat(count(after, "overdueTasks", "total", null) - count(before, "overdueTasks", "total", null)).isEqualTo(3);
    // its tasks would be every later test's overdue work
    String instance = driver.processInstanceOf((String) open.get("reference"));
    Privileged.run("test clean-up", () -> processEngine.getRuntimeService().deleteProcessInstance(instance, "test over"));
  }

  // ---------------------------------------------------------------------------------------------

  private static long count(Map<String, Object> operations, String part, String by, String key) {
    Object value = ((Map<?, ?>) operations.get(part)).get(by);
    if (key != null) {
      value = ((Map<?, ?>) value).get(key);
    }
    return value == null ? 0 : ((Number) value).longValue();
  }

  /** An application of the demo exporter approved by everyone: its license number. */
  private String licensed(String json) {
    Map<String, Object> submitted = driver.submit("exporter", json);
    String instance = driver.approvedByTheReviewers(submitted, "tech");
    driver.complete("officer", driver.task(instance, "licensingDecision"), Map.of("licensingDecision", "APPROVE"));
    driver.runAsyncJobs(instance);
    return (String) ((Map<?, ?>) driver.view("exporter", (String) submitted.get("id")).get("license")).get("number");
  }

  private void refused(String json) {
    refuse(driver.submit("exporter", json));
  }

  private void refuse(Map<String, Object> submitted) {
    String instance = driver.processInstanceOf((String) submitted.get("reference"));
    driver.complete("tech", driver.task(instance, "technicalReview"), Map.of("technicalRecommendation", "REJECT",
        "technicalComments", "no"));
    driver.complete("legal", driver.task(instance, "legalReview"), Map.of("legalRecommendation", "REJECT",
        "legalComments", "no"));
    driver.complete("foreign", driver.task(instance, "foreignAffairsReview"), Map.of(
        "foreignAffairsRecommendation", "REJECT", "foreignAffairsComments", "no"));
    driver.joinReviews(instance);
    driver.complete("officer", driver.task(instance, "licensingDecision"), Map.of("licensingDecision", "REJECT",
        "refusalCriteria", org.camunda.spin.Spin.JSON("[\"HUMAN_RIGHTS_RISK\", \"DIVERSION_RISK\"]")));
    driver.runAsyncJobs(instance);
  }

  private ProcessInstance misuseReport(String license) {
    ResponseEntity<Map<String, Object>> response = driver.post("compliance", "/api/misuse-reports", """
        {"licenseNumber": "%s", "category": "JOURNALIST_OR_ACTIVIST_TARGETING", "source": "Citizen Lab",
         "summary": "Infection of a journalist's phone", "evidence": ["https://example.org/report"],
         "reportedOn": "2026-11-01"}""".formatted(license));
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(201);
    return processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("misuseReport")
        .processInstanceBusinessKey((String) response.getBody().get("reference")).singleResult();
  }

  private void verifiedShutdown(String license) {
    ProcessInstance revocation = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("licenseRevocation").processInstanceBusinessKey(license).singleResult();
    assertThat(driver.post("exporter", "/api/licenses/" + license + "/shutdown-confirmation",
        "{\"evidence\": \"Servers wiped\", \"shutdownAt\": \""
            + OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC).minusHours(1) + "\"}")
        .getStatusCode().value()).isEqualTo(200);
    driver.complete("tech", driver.task(revocation.getId(), "verifyShutdown"), Map.of("shutdownVerified", true));
    driver.complete("foreign", driver.task(revocation.getId(), "notifyCustomerGovernment"),
        Map.of("notifiedOn", "2041-09-08", "notificationChannel", "DIPLOMATIC_NOTE"));
    driver.runAsyncJobs(revocation.getId());
  }

  static void at(String instant) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
  }

  private Map<String, Object> transparency(String year) {
    ResponseEntity<Map<String, Object>> response = driver.get("officer", "/api/statistics/transparency?year=" + year);
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(200);
    return response.getBody();
  }

  private ResponseEntity<String> csv(String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.ACCEPT, "text/csv");
    return as("officer").exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rows(Map<String, Object> report, String section) {
    return (List<Map<String, Object>>) ((Map<String, Object>) report.get("sections")).get(section);
  }

  static Map<String, Object> row(Map<String, Object> report, String section, String country, String category) {
    return rows(report, section).stream()
        .filter(r -> country.equals(r.get("country")) && category.equals(r.get("category"))).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + country + "/" + category + " in " + rows(report, section)));
  }

  /** The CSV's lines (without the header) hold exactly the JSON's figures. */
  static void assertSameFigures(List<String> csvLines, Map<String, Object> report) {
    Map<String, String> fromCsv = new java.util.TreeMap<>();
    for (String line : csvLines) {
      int last = line.lastIndexOf(',');
      assertThat(fromCsv.put(line.substring(0, last), line.substring(last + 1))).as("once: " + line).isNull();
    }
    Map<String, String> fromJson = new java.util.TreeMap<>();
    ((Map<?, ?>) report.get("sections")).forEach((section, rows) -> {
      for (Object o : (List<?>) rows) {
        Map<?, ?> row = (Map<?, ?>) o;
        row.forEach((measure, value) -> {
          if (!"country".equals(measure) && !"category".equals(measure)) {
            fromJson.put(section + "," + row.get("country") + "," + row.get("category") + "," + measure, String.valueOf(value));
          }
        });
      }
    });
    assertThat(fromCsv.keySet()).isEqualTo(fromJson.keySet());
    fromCsv.forEach((key, value) -> {
      String json = fromJson.get(key);
      if (value.matches("-?[0-9.]+")) {
        assertThat(new BigDecimal(value)).as(key).isEqualByComparingTo(new BigDecimal(json));
      } else {
        assertThat(value).as(key).isEqualTo(json);
      }
    });
  }
}
