package org.exportcontrol.misuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

  private static List<String> fields(ResponseEntity<Map<String, Object>> response) {
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(400);
    return ((List<?>) response.getBody().get("errors")).stream().map(e -> (String) ((Map<?, ?>) e).get("field")).toList();
  }
}
