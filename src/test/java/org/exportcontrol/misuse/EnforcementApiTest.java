package org.exportcontrol.misuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.exportcontrol.support.Requests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** The misuse report and license API's contract: who may call what, and a precise answer to bad requests. */
class EnforcementApiTest extends IntegrationTest {


  LicenseReviewDriver driver;

  @BeforeEach
  void setUp() {
    driver = new LicenseReviewDriver(processEngine, rest);
  }

  @Test
  void aMisuseReportNamesEveryBadFieldAndAnUnknownLicense() {
    String evidence = "[" + String.join(",", java.util.Collections.nCopies(21, "\"x\"")) + "]";
    ResponseEntity<Map<String, Object>> response = driver.post("compliance", "/api/misuse-reports", """
        {"licenseNumber": "LIC-1999-000001", "category": "GOSSIP", "source": "", "summary": "",
         "evidence": %s, "reportedOn": "2999-01-01"}""".formatted(evidence));
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
    assertThat(fields(response)).containsExactlyInAnyOrder("licenseNumber", "category", "source", "summary",
        "evidence", "reportedOn");
    assertThat(fields(driver.post("compliance", "/api/misuse-reports", "{}")))
        .containsExactlyInAnyOrder("licenseNumber", "category", "source", "summary");
    assertThat(driver.post("compliance", "/api/misuse-reports", "{\"licenseNumber\": ")
        .getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void onlyComplianceOfficersFileReportsAndOnlyStaffReadThem() {
    String license = driver.license("DE");
    String body = """
        {"licenseNumber": "%s", "category": "OTHER", "source": "Press", "summary": "A story"}""".formatted(license);
    assertThat(driver.post("exporter", "/api/misuse-reports", body).getStatusCode().value()).isEqualTo(403);
    assertThat(driver.post("officer", "/api/misuse-reports", body).getStatusCode().value()).isEqualTo(403);
    ResponseEntity<Map<String, Object>> filed = driver.post("compliance", "/api/misuse-reports", body);
    assertThat(filed.getStatusCode().value()).isEqualTo(201);
    String path = "/api/misuse-reports/" + filed.getBody().get("id");
    assertThat(driver.get("legal", path).getStatusCode().value()).isEqualTo(200);
    assertThat(driver.get("exporter", path).getStatusCode().value()).isEqualTo(403);
    assertThat(driver.get("compliance", "/api/misuse-reports/unknown").getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void aLicenseIsReadByItsHolderAndStaffOnly() {
    String license = driver.license("DE");
    Map<String, Object> view = driver.get("exporter", "/api/licenses/" + license).getBody();
    assertThat(view).containsEntry("number", license).containsEntry("status", "ACTIVE")
        .containsEntry("exporter", Map.of("name", "Demo Cyber Ltd")).containsEntry("shutdown", null)
        .containsEntry("product", Map.of("name", "Interceptor <X>", "category", "INTERCEPTION"))
        .containsEntry("endUser", Map.of("name", "National Police", "type", "LAW_ENFORCEMENT", "country", "DE"))
        .containsKeys("applicationReference", "validFrom", "validUntil", "conditions", "suspendedAt", "revokedAt",
            "revocationReason");
    assertThat(driver.get("exporter2", "/api/licenses/" + license).getStatusCode().value()).isEqualTo(404);
    assertThat(driver.get("compliance", "/api/licenses/" + license).getStatusCode().value()).isEqualTo(200);
    assertThat(driver.get("exporter", "/api/licenses/LIC-1999-000001").getStatusCode().value()).isEqualTo(404);
    assertThat(rest.getForEntity("/api/licenses/" + license, String.class).getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void aShutdownConfirmationNamesItsBadFieldsAndIsForTheHolderOnly() {
    String license = driver.license("DE");
    String path = "/api/licenses/" + license + "/shutdown-confirmation";
    assertThat(fields(driver.post("exporter", path, "{\"evidence\": \"\", \"shutdownAt\": \"2999-01-01T00:00:00Z\"}")))
        .containsExactlyInAnyOrder("evidence", "shutdownAt");
    assertThat(fields(driver.post("exporter", path, "{\"evidence\": \"done\", \"shutdownAt\": \"yesterday\"}")))
        .containsExactly("shutdownAt");
    assertThat(driver.post("compliance", path, "{}").getStatusCode().value()).isEqualTo(403);
    assertThat(driver.post("exporter2", path, "{\"evidence\": \"done\", \"shutdownAt\": \"2026-01-01T00:00:00Z\"}")
        .getStatusCode().value()).isEqualTo(404);
    ResponseEntity<Map<String, Object>> none = driver.post("exporter", path,
        "{\"evidence\": \"done\", \"shutdownAt\": \"2026-01-01T00:00:00Z\"}");
    assertThat(none.getStatusCode().value()).as("no shutdown ordered").isEqualTo(409);
  }

  /**
   * Issue 21, 3 and 5: deciding a missed shutdown's escalation through Tasklist or /engine-rest needs a
   * known outcome and a rationale; a missing one is a 400 that names the field, and the task stays open.
   */
  @Test
  void anEscalationWithoutOutcomeOrRationaleIsA400NamingTheField() {
    String license = driver.license("DE");
    driver.as("officer", () -> processEngine.getRuntimeService().startProcessInstanceByKey("licenseRevocation",
        Map.of("licenseNumber", license, "revocationReason", "Export to a third country")));
    String revocation = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("licenseRevocation").processInstanceBusinessKey(license).singleResult().getId();
    var timer = driver.timer(revocation, "shutdownDeadlinePassed");
    ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 1000));
    try {
      processEngine.getManagementService().executeJob(timer.getId());
    } finally {
      ClockUtil.reset();
    }
    String path = "/engine-rest/task/" + driver.task(revocation, "escalateShutdown").getId() + "/complete";
    for (var wrong : Map.of(
        "{\"escalationAction\": {\"value\": \"EXPORTER_PRESSED\"}}", "escalationRationale",
        "{\"escalationRationale\": {\"value\": \"Called\"}}", "escalationAction",
        "{\"escalationAction\": {\"value\": \"SHRUGGED\"}, \"escalationRationale\": {\"value\": \"Called\"}}",
        "escalationAction").entrySet()) {
      ResponseEntity<String> answer = as("compliance").exchange(path, HttpMethod.POST,
          Requests.json("{\"variables\": " + wrong.getKey() + "}"), String.class);
      assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
      assertThat(answer.getBody()).contains(wrong.getValue());
    }
    assertThat(as("compliance").exchange(path, HttpMethod.POST, Requests.json("{\"variables\": "
        + "{\"escalationAction\": {\"value\": \"EXPORTER_PRESSED\"}, \"escalationRationale\": {\"value\": \"The CEO promised\"}}}"),
        String.class).getStatusCode().value()).isEqualTo(204);
    assertThat(as("officer").getForEntity("/api/licenses/" + license + "/history", String.class).getBody())
        .contains("SHUTDOWN_ESCALATION_HANDLED", "EXPORTER_PRESSED", "The CEO promised");
  }

  private static List<String> fields(ResponseEntity<Map<String, Object>> response) {
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(400);
    return ((List<?>) response.getBody().get("errors")).stream().map(e -> (String) ((Map<?, ?>) e).get("field")).toList();
  }
}
