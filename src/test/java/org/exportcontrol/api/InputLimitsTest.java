package org.exportcontrol.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.support.InputLimitsCheck;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Inputs inside the documented limits never fail, and inputs outside them are named (issue 15): bodies
 * generated at and around every limit ({@code InputLimits}), on H2; PostgresBootTest sends the same.
 */
class InputLimitsTest extends IntegrationTest {

  LicenseReviewDriver driver;
  InputLimitsCheck check;

  @BeforeEach
  void setUp() {
    driver = new LicenseReviewDriver(processEngine, rest);
    check = new InputLimitsCheck(driver, InputLimitsCheck.SEED);
  }

  @Test
  void applicationsAtTheLimitsAreAcceptedAsSentOrRefusedByName() throws Exception {
    check.applications(60);
  }

  @Test
  void answersAtTheLimitsAreAcceptedOrRefusedByName() {
    check.responses(30);
  }

  @Test
  void misuseReportsAndShutdownConfirmationsAtTheLimitsAreAcceptedOrRefusedByName() {
    String license = driver.license("DE");
    check.misuseReports(license, 40);
    check.shutdownConfirmations(license, 30);
  }

  /** Issue 17: surrender reasons at and around 1-2000 characters, on a revoked license (validation comes first). */
  @Test
  void surrenderReasonsAtTheLimitsAreRefusedByNameBeforeTheLicensesState() {
    String license = driver.license("DE");
    driver.as("officer", () -> processEngine.getRuntimeService().startProcessInstanceByKey("licenseRevocation",
        license, Map.of("licenseNumber", license, "revocationReason", "Revoked")));
    check.surrenders(license, 30);
  }

  /** The reproduction: 20 purposes of 200-character offences made a 4,700-character variable and a 500. */
  @Test
  void twentyLongPurposesReachTheReviewersWhole() {
    String purpose = "{\"kind\": \"SERIOUS_CRIME\", \"offence\": \"" + "o".repeat(200) + "\", \"maxPenaltyYears\": 100}";
    String json = LicenseReviewDriver.application("DE").replaceAll("\"declaredPurposes\": \\[[^]]*]",
        "\"declaredPurposes\": [" + String.join(",", Collections.nCopies(20, purpose)) + "]");
    Map<String, Object> submitted = driver.submit("exporter", json);
    String instance = driver.processInstanceOf((String) submitted.get("reference"));
    Task review = driver.task(instance, "technicalReview");
    String text = (String) processEngine.getTaskService()
        .getVariable(review.getId(), ExportLicenseReviewProcess.Facts.DECLARED_PURPOSES_TEXT);
    assertThat(text).hasSizeGreaterThan(4000).contains("o".repeat(200)).endsWith("(up to 100 years)");
  }

  /** The licensing decision form allows 8000 characters of rationale and conditions; they are kept whole. */
  @Test
  void anOfficersLongRationaleAndConditionsAreKeptWhole() {
    Map<String, Object> submitted = driver.submit("exporter", LicenseReviewDriver.application("DE"));
    String instance = driver.approvedByTheReviewers(submitted, "tech");
    String rationale = "Rationale ✓ ".repeat(666).substring(0, 7990);
    String conditions = "Condition 😀 ".repeat(600).substring(0, 7000);
    driver.complete("officer", driver.task(instance, "licensingDecision"), Map.of(
        "licensingDecision", "APPROVE", "decisionRationale", rationale, "licenseConditions", conditions));
    driver.runAsyncJobs(instance);
    ResponseEntity<Map<String, Object>> view = driver.get("exporter", "/api/applications/" + submitted.get("id"));
    assertThat(((Map<?, ?>) view.getBody().get("license")).get("conditions")).isEqualTo(conditions);
    HistoricVariableInstance kept = processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance).variableName("decisionRationale").singleResult();
    assertThat(kept.getTypeName()).isEqualTo("string");
    assertThat(kept.getValue()).isEqualTo(rationale);
  }
}
