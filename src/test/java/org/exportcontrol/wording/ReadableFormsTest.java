package org.exportcontrol.wording;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.exportcontrol.notification.MailTemplates;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.exportcontrol.support.Requests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The display variables the processes prepare for the forms (issue 16): codes as labels, names
 * instead of user ids, the screening, the legal and foreign-affairs reviews' own facts, the misuse
 * report; and the validation messages through /engine-rest as sentences naming the field.
 */
class ReadableFormsTest extends IntegrationTest {

  @Autowired MailTemplates mailTemplates;

  LicenseReviewDriver driver;

  @BeforeEach
  void createDriver() {
    driver = new LicenseReviewDriver(processEngine, rest);
  }

  @Test
  void reviewFormsShowTheApplicationInWords() {
    Map<String, Object> submitted = driver.submit("exporter", LicenseReviewDriver.application("DE"));
    String instance = driver.processInstanceOf((String) submitted.get("reference"));

    Map<String, Object> technical = local(driver.task(instance, "technicalReview"));
    assertThat(technical).containsEntry("productCategoryText", "Interception")
        .containsEntry("endUserTypeText", "Law enforcement")
        .containsEntry("endUserCountryText", "Germany")
        .containsEntry("remoteShutdownCapableText", "Yes")
        .containsEntry("caseReference", submitted.get("reference"));
    assertThat((String) technical.get("screeningText")).startsWith("Passed: none of the screening rules objected.");
    // the rules still read the codes
    assertThat(processEngine.getRuntimeService().getVariable(instance, "productCategory")).isEqualTo("INTERCEPTION");

    Map<String, Object> legal = local(driver.task(instance, "legalReview"));
    assertThat((String) legal.get("declaredOffencesText")).isEqualTo(
        "Terrorist act: Hostage taking\nSerious crime: Drug trafficking, punishable by up to 12 years in prison");
    assertThat((String) legal.get("certificateDetailsText"))
        .isEqualTo("Signed by Director General on 15 January 2026.\nThe signatory acknowledged the prohibited uses.");

    Map<String, Object> foreign = local(driver.task(instance, "foreignAffairsReview"));
    assertThat((String) foreign.get("countryRecordText")).matches(
        "Licenses issued: \\d+\nApplications refused: \\d+\nLicenses revoked: \\d+");
  }

  @Test
  void theCountryRecordCountsTheCountrysEarlierDecisions() {
    String country = "NO";
    String before = countryRecord(country);
    driver.license(country);
    String after = countryRecord(country);
    assertThat(issued(after)).isEqualTo(issued(before) + 1);
  }

  @Test
  void decisionFormsShowTheAdviceInWordsAndWhoDecidedByName() {
    Map<String, Object> submitted = driver.submit("exporter", LicenseReviewDriver.application("BR"));
    String instance = driver.processInstanceOf((String) submitted.get("reference"));
    driver.complete("tech", driver.task(instance, "technicalReview"),
        Map.of("technicalRecommendation", "APPROVE_WITH_CONDITIONS", "technicalComments", "Audit logging on"));
    driver.complete("legal", driver.task(instance, "legalReview"), Map.of("legalRecommendation", "APPROVE"));
    driver.complete("foreign", driver.task(instance, "foreignAffairsReview"), Map.of("foreignAffairsRecommendation", "APPROVE"));
    driver.joinReviews(instance);

    Map<String, Object> decision = local(driver.task(instance, "licensingDecision"));
    assertThat(decision).containsEntry("technicalRecommendationText", "Approve with conditions")
        .containsEntry("legalRecommendationText", "Approve")
        .containsEntry("endUserCountryText", "Brazil")
        .doesNotContainKey("countersignComments");
    assertThat((String) decision.get("countryTierText")).startsWith("Enhanced");

    driver.complete("officer", driver.task(instance, "licensingDecision"),
        Map.of("licensingDecision", "APPROVE", "licenseConditions", "Audit logging on"));
    Map<String, Object> countersign = local(driver.task(instance, "countersignDecision"));
    assertThat(countersign).containsEntry("licensingDecisionByText", "Olga Officer")
        .containsEntry("licensingDecisionText", "Approve");
  }

  @Test
  void enforcementFormsShowTheReportInWords() {
    String license = driver.license("DE");
    ResponseEntity<Map<String, Object>> filed = driver.post("compliance", "/api/misuse-reports", """
        {"licenseNumber": "%s", "category": "JOURNALIST_OR_ACTIVIST_TARGETING", "source": "Citizen Lab",
         "summary": "Infection of a journalist's phone", "evidence": ["https://example.org/report", "Forensic image"]}"""
        .formatted(license));
    assertThat(filed.getStatusCode().value()).as(String.valueOf(filed.getBody())).isEqualTo(201);
    String instance = processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("misuseReport")
        .processInstanceBusinessKey((String) filed.getBody().get("reference")).singleResult().getId();

    Map<String, Object> triage = local(driver.task(instance, "triageMisuseReport"));
    assertThat(triage).containsEntry("misuseCategoryText", "Targeting of journalists or activists")
        .containsEntry("misuseEvidenceText", "• https://example.org/report\n• Forensic image")
        .containsEntry("misuseSource", "Citizen Lab")
        .containsEntry("endUserCountryText", "Germany")
        .containsEntry("caseReference", license);

    driver.complete("compliance", driver.task(instance, "triageMisuseReport"), Map.of("credible", true, "severity", "HIGH"));
    driver.complete("compliance", driver.task(instance, "investigateMisuse"),
        Map.of("finding", "SUBSTANTIATED", "investigationSummary", "Confirmed by the lab"));
    Map<String, Object> decide = local(driver.task(instance, "decideMisuseAction"));
    assertThat(decide).containsEntry("severityText", "High").containsEntry("findingText", "Substantiated")
        .containsEntry("investigatedByText", "Cora Compliance");
  }

  @Test
  void aCompletionCannotSetADisplayVariable() {
    Map<String, Object> submitted = driver.submit("exporter", LicenseReviewDriver.application("DE"));
    Task technical = driver.task(driver.processInstanceOf((String) submitted.get("reference")), "technicalReview");
    ResponseEntity<Map> refused = as("tech").exchange("/engine-rest/task/" + technical.getId() + "/submit-form",
        HttpMethod.POST, Requests.json("""
            {"variables": {"technicalRecommendation": {"value": "APPROVE"},
                           "productCategoryText": {"value": "Approved anyway"}}}"""), Map.class);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody()).containsEntry("field", "productCategoryText");
  }

  @Test
  void validationMessagesAreSentencesNamingTheFieldForClients() {
    Map<String, Object> submitted = driver.submit("exporter", LicenseReviewDriver.application("DE"));
    Task technical = driver.task(driver.processInstanceOf((String) submitted.get("reference")), "technicalReview");
    for (String operation : List.of("submit-form", "complete")) {
      ResponseEntity<Map> refused = as("tech").exchange("/engine-rest/task/" + technical.getId() + "/" + operation,
          HttpMethod.POST, Requests.json("{\"variables\": {\"technicalRecommendation\": {\"value\": \"REJECT\"}}}"), Map.class);
      assertThat(refused.getStatusCode().value()).isEqualTo(400);
      assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
      String sentence = "Please give your comments: they are required unless you recommend approval; "
          + "for a request for information they are the question to the applicant.";
      assertThat(refused.getBody()).containsEntry("detail", sentence).containsEntry("message", sentence)
          .containsEntry("field", "technicalComments")
          .containsEntry("errors", List.of(Map.of("field", "technicalComments", "message", sentence)));
    }
    ResponseEntity<Map> noChoice = as("tech").exchange("/engine-rest/task/" + technical.getId() + "/submit-form",
        HttpMethod.POST, Requests.json("{\"variables\": {}}"), Map.class);
    assertThat(noChoice.getBody()).containsEntry("detail", "Please choose your recommendation.")
        .containsEntry("field", "technicalRecommendation");
  }

  @Test
  void emailsShowCountriesAndMomentsInTheAgencysWords() {
    MailTemplates.Rendered revoked = mailTemplates.render("license-revoked", Map.of("licenseNumber", "LIC-2026-000001",
        "productName", "Interceptor X", "endUserName", "National Police", "endUserCountry", "DE",
        "revocationReason", "Misuse", "shutdownDeadline", Date.from(java.time.Instant.parse("2026-12-04T03:49:47.394Z")),
        "shutdownDeadlineText", "2026-12-04T03:49:47.394Z"));
    assertThat(revoked.text()).contains("National Police, Germany").contains("by 4 December 2026, 03:49 (London time)")
        .doesNotContain("2026-12-04T03:49");
    MailTemplates.Rendered rejected = mailTemplates.render("application-rejected", Map.of("businessKey", "EXP-2026-000001",
        "decisionReasons", "COUNTRY_NOT_ELIGIBLE"));
    assertThat(rejected.text()).contains("The buyer's country is sanctioned").doesNotContain("COUNTRY_NOT_ELIGIBLE");
  }

  private Map<String, Object> local(Task task) {
    TaskService tasks = processEngine.getTaskService();
    return tasks.getVariablesLocal(task.getId());
  }

  private String countryRecord(String country) {
    Map<String, Object> submitted = driver.submit("exporter", LicenseReviewDriver.application(country));
    String instance = driver.processInstanceOf((String) submitted.get("reference"));
    String record = (String) local(driver.task(instance, "foreignAffairsReview")).get("countryRecordText");
    driver.post("exporter", "/api/applications/" + submitted.get("id") + "/withdraw", null);
    return record;
  }

  private static int issued(String record) {
    return Integer.parseInt(record.lines().findFirst().orElseThrow().replace("Licenses issued: ", ""));
  }
}
