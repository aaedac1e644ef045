package org.exportcontrol.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.exportcontrol.support.Mailbox;
import org.exportcontrol.support.ProcessPathTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 17, surrender: {@code POST /api/licenses/{number}/surrender} by the holder's company while the
 * license is ACTIVE or SUSPENDED and no shutdown is pending; refused (409) otherwise, its errors named,
 * nothing changed by a refusal; a surrendered license still revoked by an officer with its shutdown order.
 */
class SurrenderTest extends ProcessPathTest {

  @Autowired JdbcClient jdbc;

  @Test
  void anActiveLicenseIsSurrenderedOnceItsExpiryEndsAndTheHolderIsEmailed() {
    String license = driver.license("DE");
    ProcessInstance expiry = expiryOf(license);
    ResponseEntity<Map<String, Object>> response = surrender(license, "exporter", "Contract ended early");
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(200);
    assertThat(response.getBody()).containsEntry("number", license).containsEntry("status", "SURRENDERED")
        .containsEntry("shutdown", null);
    Map<?, ?> surrender = (Map<?, ?>) response.getBody().get("surrender");
    assertThat(surrender.get("reason")).isEqualTo("Contract ended early");
    assertThat(surrender.get("surrenderedAt")).isNotNull();
    // the renewal reminder and the validity's end wait no more; the confirmation goes out
    assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(expiry.getId()).timers().count())
        .isZero();
    driver.runAsyncJobs(expiry.getId());
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(expiry.getId()).count())
        .isZero();
    assertThat(GreenMailUtil.getBody(Mailbox.mail(smtp, license + ": license surrendered")))
        .contains("Contract ended early");
    assertThat(Mailbox.subjects(smtp)).containsOnlyOnce(license + ": license surrendered");
    // on the record, with who and why; the application still shows its license, now surrendered
    assertThat(jdbc.sql("select details from decision_log where subject = ? and action = 'SURRENDERED'").param(license)
        .query(String.class).single()).contains("Contract ended early", "\"by\":\"exporter\"", "ACTIVE");
    assertThat(driver.get("officer", "/api/licenses/" + license).getBody()).containsEntry("status", "SURRENDERED");

    ResponseEntity<Map<String, Object>> again = surrender(license, "exporter", "Once more");
    assertThat(again.getStatusCode().value()).isEqualTo(409);
    assertThat((String) again.getBody().get("detail")).contains("is SURRENDERED", "only an ACTIVE or SUSPENDED");
  }

  @Test
  void aSurrenderedLicenseIsStillRevokedByAnOfficerWithItsShutdownOrder() {
    String license = driver.license("DE");
    assertThat(surrender(license, "exporter", "No longer needed").getStatusCode().value()).isEqualTo(200);
    driver.as("officer", () -> processEngine.getRuntimeService().startProcessInstanceByKey("licenseRevocation",
        license, Map.of("licenseNumber", license, "revocationReason", "Misuse found after the surrender")));
    Map<String, Object> view = driver.get("exporter", "/api/licenses/" + license).getBody();
    assertThat(view).containsEntry("status", "REVOKED").containsEntry("revocationReason", "Misuse found after the surrender");
    assertThat(((Map<?, ?>) view.get("shutdown")).get("deadline")).isNotNull();
    assertThat(view.get("surrender")).isNotNull();
  }

  @Test
  void aLicenseThatIsRevokedCancelledOrWhoseShutdownIsPendingCannotBeSurrendered() {
    String revoked = driver.license("DE");
    driver.as("officer", () -> processEngine.getRuntimeService().startProcessInstanceByKey("licenseRevocation",
        revoked, Map.of("licenseNumber", revoked, "revocationReason", "Revoked")));
    refused(revoked, "REVOKED", "is REVOKED");

    String cancelled = driver.license("DE");
    assertThat(driver.post("admin", "/api/admin/cases/" + cancelled + "/cancellation",
        "{\"reason\": \"Issued by mistake; ended by order.\"}").getStatusCode().value()).isEqualTo(200);
    refused(cancelled, "CANCELLED", "is CANCELLED");

    // an ACTIVE license with a shutdown order not yet verified (left over from an earlier revocation)
    String pending = driver.license("DE");
    jdbc.sql("insert into license_shutdown (license_number, ordered_at, deadline, escalations)"
        + " values (?, current_timestamp, current_timestamp, 0)").param(pending).update();
    refused(pending, "ACTIVE", "shutdown of license " + pending + " is pending");
  }

  @Test
  void badBodiesAreNamedAndOthersCannotSurrender() {
    String license = driver.license("DE");
    assertThat(fields(driver.post("exporter", "/api/licenses/" + license + "/surrender", "{}"))).containsExactly("reason");
    assertThat(fields(surrender(license, "exporter", ""))).containsExactly("reason");
    assertThat(fields(surrender(license, "exporter", "x".repeat(2001)))).containsExactly("reason");
    assertThat(fields(driver.post("exporter", "/api/licenses/" + license + "/surrender",
        "{\"reason\": \"ok\", \"effectiveOn\": \"2026-12-31\"}"))).containsExactly("effectiveOn");
    assertThat(driver.post("exporter", "/api/licenses/" + license + "/surrender", "{\"reason\": ")
        .getStatusCode().value()).isEqualTo(400);
    assertThat(surrender(license, "exporter2", "Not mine").getStatusCode().value()).isEqualTo(404);
    assertThat(surrender(license, "officer", "Staff do not surrender").getStatusCode().value()).isEqualTo(403);
    assertThat(surrender("LIC-1999-999999", "exporter", "Unknown").getStatusCode().value()).isEqualTo(404);
    assertThat(driver.get("exporter", "/api/licenses/" + license).getBody()).containsEntry("status", "ACTIVE")
        .containsEntry("surrender", null);
    // at the limit it is accepted
    assertThat(surrender(license, "exporter", "x".repeat(2000)).getStatusCode().value()).isEqualTo(200);
  }

  private void refused(String license, String status, String why) {
    ResponseEntity<Map<String, Object>> response = surrender(license, "exporter", "We stop");
    assertThat(response.getStatusCode().value()).as(status).isEqualTo(409);
    assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
    assertThat((String) response.getBody().get("detail")).contains(why);
    assertThat(driver.get("exporter", "/api/licenses/" + license).getBody()).containsEntry("status", status)
        .containsEntry("surrender", null);
    assertThat(jdbc.sql("select count(*) from decision_log where subject = ? and action = 'SURRENDERED'").param(license)
        .query(Long.class).single()).isZero();
  }

  private ResponseEntity<Map<String, Object>> surrender(String license, String user, String reason) {
    return driver.post(user, "/api/licenses/" + license + "/surrender", "{\"reason\": \"" + reason + "\"}");
  }

  private static List<String> fields(ResponseEntity<Map<String, Object>> response) {
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    return ((List<?>) response.getBody().get("errors")).stream().map(e -> String.valueOf(((Map<?, ?>) e).get("field")))
        .toList();
  }

  private ProcessInstance expiryOf(String license) {
    return processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("licenseExpiry")
        .processInstanceBusinessKey(license).singleResult();
  }
}
