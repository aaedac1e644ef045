package org.exportcontrol.appeal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.exportcontrol.support.LicenseReviewDriver.application;

import com.icegreen.greenmail.util.GreenMailUtil;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.exportcontrol.support.FlowNodeCoverage;
import org.exportcontrol.support.Mailbox;
import org.exportcontrol.support.ProcessPathTest;
import org.exportcontrol.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Every path of applicationAppeal (issue 17), driven as its users drive it: the applicant through
 * POST /api/applications/{id}/appeal, licensing officers completing the assessment and the decision as
 * themselves; the API's rules and errors, the window's edge on the engine's clock, and the separation
 * of duties of both steps. The last check asserts that every flow node of the diagram was passed.
 */
class ApplicationAppealProcessTest extends ProcessPathTest {

  @org.springframework.boot.test.web.server.LocalServerPort int port;

  static final String GROUNDS = "The buyer's courts audit every warrant; see the attached judgment of 2025.";

  @BeforeEach
  void appealOfficers() {
    TestUsers.ensure(processEngine, "appeals1", "licensing-officers");
    TestUsers.ensure(processEngine, "head", "licensing-managers");
  }

  @Test
  void approvedOnAppealIssuesALicenseOnTheRecordOfTheAppeal() throws Exception {
    Map<String, Object> refused = refused("tech");
    String id = (String) refused.get("id");
    String reference = (String) refused.get("reference");

    ResponseEntity<Map<String, Object>> answer = appeal("exporter", id, GROUNDS);
    Assertions.assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(201);
    Assertions.assertThat(answer.getHeaders().getLocation().getPath()).isEqualTo("/api/applications/" + id);
    Assertions.assertThat(answer.getBody()).containsEntry("status", "UNDER_APPEAL");
    Map<?, ?> appeal = (Map<?, ?>) answer.getBody().get("appeal");
    String appealReference = (String) appeal.get("reference");
    Assertions.assertThat(appealReference).matches("APL-\\d{4}-\\d{6}");
    Assertions.assertThat(appeal.get("status")).isEqualTo("RECEIVED");
    Assertions.assertThat(appeal.get("grounds")).isEqualTo(GROUNDS);
    Assertions.assertThat(appeal.get("submittedAt")).isNotNull();
    Assertions.assertThat(appeal.get("outcome")).isNull();
    Assertions.assertThat(appeal.get("rationale")).isNull();

    ProcessInstance instance = appealInstance(appealReference);
    assertThat(instance).isWaitingAt("sendAppealReceivedEmail");
    driver.runAsyncJobs(instance.getId());
    assertThat(instance).isWaitingAt("assessAppeal");
    String received = GreenMailUtil.getBody(Mailbox.mail(smtp, reference + ": appeal " + appealReference + " received"));
    Assertions.assertThat(received).contains(appealReference, "The buyer&#39;s courts audit every warrant");

    Task assessment = driver.task(instance.getId(), "assessAppeal");
    assertThat(assessment).hasCandidateGroup("licensing-officers");
    OffsetDateTime submittedAt = OffsetDateTime.parse((String) appeal.get("submittedAt"));
    Assertions.assertThat(assessment.getDueDate().getTime())
        .isCloseTo(submittedAt.plusDays(20).toInstant().toEpochMilli(), Assertions.within(2000L));
    // the form: the original application, every review, the refusal with its criteria, the grounds
    Map<String, Object> shown = processEngine.getTaskService().getVariablesLocal(assessment.getId());
    Assertions.assertThat((String) shown.get("appealApplicationText")).contains(reference, "Interceptor <X>", "Germany",
        "Hostage taking");
    Assertions.assertThat((String) shown.get("appealReviewsText")).contains("Technical review: Approve",
        "Legal review: Approve", "Foreign-affairs review: Approve", "Licensing decision: Reject", "Olga Officer");
    Assertions.assertThat((String) shown.get("appealDecisionText")).contains("Refused by Olga Officer",
        "There is a risk that the product, or access to it, would be passed on", "The end user resells tools");
    Assertions.assertThat(shown).containsEntry("reference", reference).containsEntry("caseReference", reference)
        .containsEntry("productName", "Interceptor <X>");

    // taking it up puts the appeal under assessment
    Assertions.assertThat(claim("officer2", assessment).getStatusCode().value()).isEqualTo(204);
    Assertions.assertThat(appealOf(id)).containsEntry("status", "UNDER_ASSESSMENT");

    assertThatThrownBy(() -> driver.complete("officer2", assessment, withVariables("appealRecommendation", "GRANT")))
        .isInstanceOf(FormFieldValidationException.class).hasFieldOrPropertyWithValue("detail", "appealAssessment");
    assertThatThrownBy(() -> driver.complete("officer2", assessment, withVariables("appealRecommendation", "MAYBE",
        "appealAssessment", "x")))
        .isInstanceOf(FormFieldValidationException.class).hasFieldOrPropertyWithValue("detail", "appealRecommendation");
    driver.complete("officer2", assessment, withVariables("appealRecommendation", "GRANT",
        "appealAssessment", "The judgment shows effective judicial control of every use."));
    assertThat(instance).isWaitingAt("decideAppeal");

    Task decision = driver.task(instance.getId(), "decideAppeal");
    Assertions.assertThat(processEngine.getTaskService().getVariablesLocal(decision.getId()))
        .containsEntry("appealRecommendationText", "Grant the appeal (issue the license)")
        .containsEntry("appealAssessedByText", "Oscar Officer");
    assertThatThrownBy(() -> driver.complete("appeals1", decision, withVariables("appealOutcome", "APPROVED_ON_APPEAL")))
        .isInstanceOf(FormFieldValidationException.class).hasFieldOrPropertyWithValue("detail", "appealRationale");
    driver.complete("appeals1", decision, withVariables("appealOutcome", "APPROVED_ON_APPEAL",
        "appealRationale", "Judicial control answers the refusal's criterion.", "licenseConditions", "Yearly audit report"));
    driver.runAsyncJobs(instance.getId());
    assertThat(instance).isEnded().hasPassed("issueLicenseOnAppeal", "sendAppealApprovedEmail", "licensedOnAppeal")
        .hasNotPassed("recordRefusalAfterAppeal");

    Map<String, Object> view = driver.view("exporter", id);
    Assertions.assertThat(view).containsEntry("status", "APPROVED");
    Map<?, ?> approval = (Map<?, ?>) view.get("decision");
    Assertions.assertThat(approval.get("outcome")).isEqualTo("APPROVED");
    Assertions.assertThat(approval.get("refusalCriteria")).isEqualTo(List.of());
    Assertions.assertThat(approval.get("rationale")).isEqualTo("Judicial control answers the refusal's criterion.");
    Map<?, ?> decided = (Map<?, ?>) view.get("appeal");
    Assertions.assertThat(decided.get("status")).isEqualTo("DECIDED");
    Assertions.assertThat(decided.get("outcome")).isEqualTo("APPROVED_ON_APPEAL");
    Assertions.assertThat(decided.get("rationale")).isEqualTo("Judicial control answers the refusal's criterion.");
    Assertions.assertThat(decided.get("decidedAt")).isNotNull();
    Map<?, ?> license = (Map<?, ?>) view.get("license");
    String number = (String) license.get("number");
    Assertions.assertThat(license.get("conditions")).isEqualTo("Yearly audit report");
    Assertions.assertThat(driver.get("exporter", "/api/licenses/" + number).getBody())
        .containsEntry("issuedOnAppeal", true).containsEntry("status", "ACTIVE");

    String approved = GreenMailUtil.getBody(Mailbox.mail(smtp, reference + ": approved on appeal, license " + number));
    Assertions.assertThat(approved).contains(number, "Judicial control answers the refusal", "Yearly audit report");
    // each step attributable in the case's history: who, when, why
    String history = as("officer").getForEntity("/api/applications/" + id + "/history", String.class).getBody();
    Assertions.assertThat(history).contains("\"action\":\"APPEAL_SUBMITTED\"", "\"action\":\"APPEAL_ASSESSED\"",
        "\"actor\":\"officer2\"", "\"action\":\"APPEAL_DECIDED\"", "\"actor\":\"appeals1\"", "\"action\":\"LICENSE_ISSUED\"",
        "\"appeal\":\"" + appealReference + "\"");
    // approved is final too: no second appeal
    ResponseEntity<Map<String, Object>> again = appeal("exporter", id, GROUNDS);
    Assertions.assertThat(again.getStatusCode().value()).isEqualTo(409);
    // the case file, also under the appeal's reference, shows the appeal's steps and its process
    java.net.http.HttpResponse<String> page = org.exportcontrol.support.WebappSession.loggedIn(port, "legal")
        .get("/cases/" + appealReference);
    Assertions.assertThat(page.statusCode()).isEqualTo(200);
    Assertions.assertThat(page.body()).contains(reference, appealReference, "Appeal submitted",
        "Appeal assessed", "Appeal decided", "Appeal against a refusal", "Judicial control answers the refusal");
  }

  /** Issue 19 meets issue 17: a refusal counts per criterion; granted on appeal, it counts as a license issued on appeal. */
  @Test
  void theTransparencyReportCountsARefusalsCriteriaAndTheLicenseIssuedOnAppeal() {
    Map<String, Object> refused = refused("tech");
    Map<String, Number> afterRefusal = transparencyTotals();
    String id = (String) refused.get("id");
    String appealReference = (String) ((Map<?, ?>) appeal("exporter", id, GROUNDS).getBody().get("appeal")).get("reference");
    ProcessInstance instance = appealInstance(appealReference);
    driver.runAsyncJobs(instance.getId());
    driver.complete("officer2", driver.task(instance.getId(), "assessAppeal"), withVariables("appealRecommendation",
        "GRANT", "appealAssessment", "The judgment shows effective judicial control of every use."));
    driver.complete("appeals1", driver.task(instance.getId(), "decideAppeal"), withVariables("appealOutcome",
        "APPROVED_ON_APPEAL", "appealRationale", "Judicial control answers the refusal's criterion."));
    driver.runAsyncJobs(instance.getId());
    Map<String, Number> afterAppeal = transparencyTotals();

    Assertions.assertThat(afterRefusal.get("refusals/criterion.DIVERSION_RISK").intValue()).isPositive();
    Assertions.assertThat(afterAppeal.getOrDefault("refusals/criterion.DIVERSION_RISK", 0).intValue())
        .as("the refusal stands no longer").isEqualTo(afterRefusal.get("refusals/criterion.DIVERSION_RISK").intValue() - 1);
    Assertions.assertThat(afterAppeal.get("refusals/count").intValue()).isEqualTo(afterRefusal.get("refusals/count").intValue() - 1);
    Assertions.assertThat(afterAppeal.get("issuedOnAppeal/count").intValue())
        .isEqualTo(afterRefusal.get("issuedOnAppeal/count").intValue() + 1);
    Assertions.assertThat(afterAppeal.get("licensesIssued/count").intValue())
        .isEqualTo(afterRefusal.get("licensesIssued/count").intValue() + 1);
  }

  /** This year's figures over every destination and category, as {@code section/measure}. */
  private Map<String, Number> transparencyTotals() {
    ResponseEntity<Map<String, Object>> report = driver.get("officer", "/api/statistics/transparency?year="
        + java.time.Year.now(java.time.ZoneId.of("Europe/London")).getValue());
    Assertions.assertThat(report.getStatusCode().value()).isEqualTo(200);
    Map<String, Number> totals = new java.util.HashMap<>();
    ((Map<?, ?>) report.getBody().get("sections")).forEach((section, rows) -> {
      Map<?, ?> all = (Map<?, ?>) ((List<?>) rows).get(0);
      Assertions.assertThat(all.get("country")).isEqualTo("ALL");
      all.forEach((measure, value) -> {
        if (value instanceof Number number) {
          totals.put(section + "/" + measure, number);
        }
      });
    });
    return totals;
  }

  @Test
  void refusedAfterAppealIsFinal() throws Exception {
    Map<String, Object> refused = refused("tech");
    String id = (String) refused.get("id");
    String reference = (String) refused.get("reference");
    String appealReference = (String) ((Map<?, ?>) appeal("exporter", id, GROUNDS).getBody().get("appeal")).get("reference");
    ProcessInstance instance = appealInstance(appealReference);
    driver.runAsyncJobs(instance.getId());
    ResponseEntity<Map<String, Object>> withdrawal = driver.post("exporter", "/api/applications/" + id + "/withdraw", null);
    Assertions.assertThat(withdrawal.getStatusCode().value()).isEqualTo(409);
    Assertions.assertThat((String) withdrawal.getBody().get("detail"))
        .isEqualTo(reference + " is UNDER_APPEAL and cannot be withdrawn");
    // a document for the appeal: attached while UNDER_APPEAL, linked from the appeal's forms at once
    org.springframework.util.MultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
    parts.add("kind", "OTHER");
    parts.add("file", new org.springframework.core.io.ByteArrayResource(
        "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes()) {
      @Override
      public String getFilename() {
        return "judgment.pdf";
      }
    });
    org.springframework.http.HttpHeaders multipart = new org.springframework.http.HttpHeaders();
    multipart.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
    Assertions.assertThat(as("exporter").exchange("/api/applications/" + id + "/documents", HttpMethod.POST,
        new org.springframework.http.HttpEntity<>(parts, multipart), String.class).getStatusCode().value()).isEqualTo(201);
    Assertions.assertThat((String) processEngine.getRuntimeService().getVariable(instance.getId(), "documentLinks"))
        .contains("Other document: judgment\\.pdf](/api/applications/" + id + "/documents/");

    driver.complete("officer2", driver.task(instance.getId(), "assessAppeal"), withVariables(
        "appealRecommendation", "UPHOLD", "appealAssessment", "The judgment concerns another agency."));
    driver.complete("appeals1", driver.task(instance.getId(), "decideAppeal"), withVariables(
        "appealOutcome", "REFUSED_AFTER_APPEAL", "appealRationale", "The grounds do not concern the end user."));
    driver.runAsyncJobs(instance.getId());
    assertThat(instance).isEnded().hasPassed("recordRefusalAfterAppeal", "sendAppealRefusedEmail", "refusalUpheld")
        .hasNotPassed("issueLicenseOnAppeal");

    Map<String, Object> view = driver.view("exporter", id);
    Assertions.assertThat(view).containsEntry("status", "REJECTED").containsEntry("license", null);
    Map<?, ?> decided = (Map<?, ?>) view.get("appeal");
    Assertions.assertThat(decided.get("status")).isEqualTo("DECIDED");
    Assertions.assertThat(decided.get("outcome")).isEqualTo("REFUSED_AFTER_APPEAL");
    Assertions.assertThat(decided.get("rationale")).isEqualTo("The grounds do not concern the end user.");
    // the refusal that was appealed stays what the decision shows, with its criteria
    Assertions.assertThat(((Map<?, ?>) view.get("decision")).get("refusalCriteria")).isEqualTo(List.of("DIVERSION_RISK"));
    Assertions.assertThat(GreenMailUtil.getBody(Mailbox.mail(smtp, reference + ": refusal upheld on appeal")))
        .contains(appealReference, "The grounds do not concern the end user.", "final");

    ResponseEntity<Map<String, Object>> second = appeal("exporter", id, GROUNDS + " And more.");
    Assertions.assertThat(second.getStatusCode().value()).isEqualTo(409);
    Assertions.assertThat(second.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
    Assertions.assertThat((String) second.getBody().get("detail"))
        .isEqualTo(reference + " has already been appealed (" + appealReference + "); an application can be appealed only once.");
  }

  /**
   * Issue 17: the assessor made neither the decision nor its countersignature and gave none of the
   * reviews; the decider is neither the assessor nor the original decider. 403 at the claim already.
   */
  @Test
  void theAppealIsJudgedByOfficersIndependentOfTheRefusal() {
    // tech2 is a technical reviewer and a licensing officer: he reviews this case
    Map<String, Object> refused = refused("tech2");
    String appealReference = (String) ((Map<?, ?>) appeal("exporter", (String) refused.get("id"), GROUNDS).getBody()
        .get("appeal")).get("reference");
    ProcessInstance instance = appealInstance(appealReference);
    driver.runAsyncJobs(instance.getId());
    Task assessment = driver.task(instance.getId(), "assessAppeal");

    ResponseEntity<Map<String, Object>> decider = claim("officer", assessment);
    Assertions.assertThat(decider.getStatusCode().value()).isEqualTo(403);
    Assertions.assertThat((String) decider.getBody().get("detail"))
        .contains("officer made the licensing decision on this application and may not assess its appeal");
    ResponseEntity<Map<String, Object>> reviewer = claim("tech2", assessment);
    Assertions.assertThat(reviewer.getStatusCode().value()).isEqualTo(403);
    Assertions.assertThat((String) reviewer.getBody().get("detail"))
        .contains("tech2 reviewed this application and may not assess its appeal");
    assertThatThrownBy(() -> driver.complete("officer", assessment, withVariables("appealRecommendation", "GRANT",
        "appealAssessment", "ok"))).hasMessageContaining("may not assess its appeal");
    // nor is it offered to them
    Assertions.assertThat(taskIds("officer", instance.getId())).doesNotContain(assessment.getId());
    Assertions.assertThat(taskIds("officer2", instance.getId())).contains(assessment.getId());

    Assertions.assertThat(claim("officer2", assessment).getStatusCode().value()).isEqualTo(204);
    driver.complete("officer2", assessment, withVariables("appealRecommendation", "UPHOLD", "appealAssessment", "No."));
    Task decision = driver.task(instance.getId(), "decideAppeal");
    ResponseEntity<Map<String, Object>> assessor = claim("officer2", decision);
    Assertions.assertThat(assessor.getStatusCode().value()).isEqualTo(403);
    Assertions.assertThat((String) assessor.getBody().get("detail"))
        .contains("officer2 assessed this appeal and may not decide it");
    ResponseEntity<Map<String, Object>> original = claim("officer", decision);
    Assertions.assertThat(original.getStatusCode().value()).isEqualTo(403);
    Assertions.assertThat((String) original.getBody().get("detail"))
        .contains("officer made the licensing decision on this application and may not decide its appeal");
    // being in camunda-admin gives no right to decide
    assertThatThrownBy(() -> driver.complete("admin", decision, withVariables("appealOutcome", "APPROVED_ON_APPEAL",
        "appealRationale", "x"))).hasMessageContaining("licensing-officers");
    Assertions.assertThat(claim("appeals1", decision).getStatusCode().value()).isEqualTo(204);
    driver.complete("appeals1", decision, withVariables("appealOutcome", "REFUSED_AFTER_APPEAL", "appealRationale", "No."));
    assertThat(instance).hasPassed("recordRefusalAfterAppeal");
  }

  /** ADR 0025 for the appeal: both steps due exportcontrol.sla.appeal-decision after receipt, reminded, then escalated. */
  @Test
  void bothStepsAreDueTwentyDaysAfterReceiptAndRemindedThenEscalated() throws Exception {
    Map<String, Object> refused = refused("tech");
    String appealReference = (String) ((Map<?, ?>) appeal("exporter", (String) refused.get("id"), GROUNDS).getBody()
        .get("appeal")).get("reference");
    ProcessInstance instance = appealInstance(appealReference);
    driver.runAsyncJobs(instance.getId());
    smtp.purgeEmailFromAllMailboxes();
    Date due = driver.task(instance.getId(), "assessAppeal").getDueDate();

    Job reminder = driver.timer(instance.getId(), "assessAppealDeadlineDue");
    Assertions.assertThat(reminder.getDuedate().getTime()).isEqualTo(due.getTime() - Duration.ofDays(1).toMillis());
    ClockUtil.setCurrentTime(new Date(reminder.getDuedate().getTime() + 1000));
    processEngine.getManagementService().executeJob(reminder.getId());
    driver.runAsyncJobs(instance.getId());
    assertThat(instance).hasPassed("assessAppealDeadlineNotice", "assessAppealDeadlineNoticed").isWaitingAt("assessAppeal");
    Assertions.assertThat(Mailbox.recipients(smtp)).contains("officer@exportcontrol.example", "appeals1@exportcontrol.example")
        .doesNotContain("head@exportcontrol.example");
    Assertions.assertThat(Mailbox.subjects(smtp)).allMatch(s -> s.startsWith(appealReference + ": \"Assess the appeal\" is due on "));

    smtp.purgeEmailFromAllMailboxes();
    Job overdue = driver.timer(instance.getId(), "assessAppealDeadlineDue");
    ClockUtil.setCurrentTime(new Date(overdue.getDuedate().getTime() + 1000));
    processEngine.getManagementService().executeJob(overdue.getId());
    driver.runAsyncJobs(instance.getId());
    Assertions.assertThat(Mailbox.recipients(smtp)).contains("head@exportcontrol.example");
    Assertions.assertThat(Mailbox.subjects(smtp)).allMatch(s -> s.equals(appealReference + ": \"Assess the appeal\" is overdue"));
    Assertions.assertThat(as("officer").getForEntity("/api/applications/" + refused.get("id") + "/history", String.class)
        .getBody()).contains("\"action\":\"STEP_OVERDUE\"", "\"step\":\"assessAppeal\"");

    // the decision is due the same day: the assessment's delay is not the applicant's
    driver.complete("officer2", driver.task(instance.getId(), "assessAppeal"),
        withVariables("appealRecommendation", "GRANT", "appealAssessment", "Late, but sound."));
    Assertions.assertThat(driver.task(instance.getId(), "decideAppeal").getDueDate()).isEqualTo(due);
    smtp.purgeEmailFromAllMailboxes();
    Job decisionOverdue = driver.timer(instance.getId(), "decideAppealDeadlineDue");
    ClockUtil.setCurrentTime(new Date(Math.max(decisionOverdue.getDuedate().getTime(), ClockUtil.getCurrentTime().getTime()) + 1000));
    processEngine.getManagementService().executeJob(decisionOverdue.getId());
    driver.runAsyncJobs(instance.getId());
    assertThat(instance).hasPassed("decideAppealDeadlineNotice", "decideAppealDeadlineNoticed").isWaitingAt("decideAppeal");
    Assertions.assertThat(Mailbox.subjects(smtp)).contains(appealReference + ": \"Decide the appeal\" is overdue");

    driver.complete("appeals1", driver.task(instance.getId(), "decideAppeal"), withVariables(
        "appealOutcome", "APPROVED_ON_APPEAL", "appealRationale", "Sound."));
    Assertions.assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .timers().count()).isZero();
  }

  /** ADR 0017 for the appeal: reaching the license or the final refusal without the appeal's record changes nothing. */
  @Test
  void anAppealsEffectWithoutItsRecordIsRefusedAndLogged() {
    Map<String, Object> refused = refused("tech");
    String id = (String) refused.get("id");
    String reference = (String) refused.get("reference");
    String appealReference = (String) ((Map<?, ?>) appeal("exporter", id, GROUNDS).getBody().get("appeal")).get("reference");
    ProcessInstance instance = appealInstance(appealReference);
    driver.runAsyncJobs(instance.getId());
    // the way a migration or a job could get there: past the engine's API closures on purpose
    assertThatThrownBy(() -> org.exportcontrol.engine.Privileged.run("test: reach issueLicenseOnAppeal", () ->
        processEngine.getRuntimeService().createProcessInstanceModification(instance.getId())
            .startBeforeActivity("issueLicenseOnAppeal").execute()))
        .isInstanceOf(org.exportcontrol.audit.IntegrityRefusal.class).hasMessageContaining(reference);
    driver.complete("officer2", driver.task(instance.getId(), "assessAppeal"),
        withVariables("appealRecommendation", "GRANT", "appealAssessment", "Sound grounds."));
    assertThatThrownBy(() -> org.exportcontrol.engine.Privileged.run("test: reach recordRefusalAfterAppeal", () ->
        processEngine.getRuntimeService().createProcessInstanceModification(instance.getId())
            .startBeforeActivity("recordRefusalAfterAppeal").execute()))
        .isInstanceOf(org.exportcontrol.audit.IntegrityRefusal.class);
    Assertions.assertThat(driver.view("officer", id)).containsEntry("status", "UNDER_APPEAL").containsEntry("license", null);
    Assertions.assertThat(appealOf(id)).containsEntry("status", "UNDER_ASSESSMENT").containsEntry("outcome", null);
    String history = as("officer").getForEntity("/api/applications/" + id + "/history", String.class).getBody();
    Assertions.assertThat(history).contains("no assessment of appeal " + appealReference + " is on record",
        "no decision on appeal " + appealReference + " after its assessment is on record");

    // the record then carries the decision, and the effect follows
    driver.complete("appeals1", driver.task(instance.getId(), "decideAppeal"), withVariables(
        "appealOutcome", "REFUSED_AFTER_APPEAL", "appealRationale", "Not enough."));
    Assertions.assertThat(driver.view("officer", id)).containsEntry("status", "REJECTED");
  }

  /** Nobody is trapped by an appeal (ADR 0026): an administrator's cancellation ends it with its application. */
  @Test
  void anAdministratorCancelsAnApplicationUnderAppealWithItsAppeal() {
    Map<String, Object> refused = refused("tech");
    String id = (String) refused.get("id");
    String reference = (String) refused.get("reference");
    String appealReference = (String) ((Map<?, ?>) appeal("exporter", id, GROUNDS).getBody().get("appeal")).get("reference");
    ProcessInstance instance = appealInstance(appealReference);
    ResponseEntity<Map<String, Object>> cancelled = driver.post("admin", "/api/admin/cases/" + reference + "/cancellation",
        "{\"reason\": \"The exporter ceased trading during the appeal.\"}");
    Assertions.assertThat(cancelled.getStatusCode().value()).as(String.valueOf(cancelled.getBody())).isEqualTo(200);
    Assertions.assertThat(String.valueOf(cancelled.getBody().get("endedProcessInstances"))).contains(instance.getId());
    assertThat(instance).isEnded();
    Assertions.assertThat(driver.view("exporter", id)).containsEntry("status", "CANCELLED");
  }

  @Test
  void badGroundsAre400AndChangeNothing() {
    Map<String, Object> refused = refused("tech");
    String id = (String) refused.get("id");
    for (String body : List.of("{\"grounds\": \"too short: 19 chars\"}", "{}", "{\"grounds\": \"" + "x".repeat(8001) + "\"}",
        "{\"grounds\": \"   " + " ".repeat(30) + "\"}")) {
      ResponseEntity<Map<String, Object>> bad = driver.post("exporter", "/api/applications/" + id + "/appeal", body);
      Assertions.assertThat(bad.getStatusCode().value()).as(body.length() > 60 ? "long" : body).isEqualTo(400);
      Assertions.assertThat(bad.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
      Assertions.assertThat(bad.getBody().get("errors").toString()).contains("field=grounds");
    }
    ResponseEntity<Map<String, Object>> unknown = driver.post("exporter", "/api/applications/" + id + "/appeal",
        "{\"grounds\": \"" + GROUNDS + "\", \"urgent\": true}");
    Assertions.assertThat(unknown.getStatusCode().value()).isEqualTo(400);
    Assertions.assertThat(driver.view("exporter", id)).containsEntry("status", "REJECTED").containsEntry("appeal", null);
    // the limits themselves are fine
    Assertions.assertThat(appeal("exporter", id, "x".repeat(8000)).getStatusCode().value()).isEqualTo(201);
  }

  @Test
  void onlyTheCompanyAppealsAndOnlyAnOfficersRefusal() {
    Map<String, Object> refused = refused("tech");
    String id = (String) refused.get("id");
    Assertions.assertThat(appeal("exporter2", id, GROUNDS).getStatusCode().value()).as("another company").isEqualTo(404);
    Assertions.assertThat(appeal("exporter", "no-such-id", GROUNDS).getStatusCode().value()).isEqualTo(404);
    Assertions.assertThat(appeal("officer", id, GROUNDS).getStatusCode().value()).as("staff").isEqualTo(403);
    Assertions.assertThat(rest.exchange("/api/applications/" + id + "/appeal", HttpMethod.POST,
        org.exportcontrol.support.Requests.json("{\"grounds\": \"" + GROUNDS + "\"}"), String.class)
        .getStatusCode().value()).isEqualTo(401);

    Map<String, Object> inReview = driver.submit("exporter", application("DE"));
    ResponseEntity<Map<String, Object>> early = appeal("exporter", (String) inReview.get("id"), GROUNDS);
    Assertions.assertThat(early.getStatusCode().value()).isEqualTo(409);
    Assertions.assertThat((String) early.getBody().get("detail")).isEqualTo(inReview.get("reference")
        + " is IN_REVIEW: only an application refused by a licensing officer can be appealed.");

    Map<String, Object> screened = driver.submit("exporter", application("DE").replace("\"LAW_ENFORCEMENT\"", "\"INDIVIDUAL\""));
    ResponseEntity<Map<String, Object>> screening = appeal("exporter", (String) screened.get("id"), GROUNDS);
    Assertions.assertThat(screening.getStatusCode().value()).isEqualTo(409);
    Assertions.assertThat((String) screening.getBody().get("detail")).contains("rejected by the automated screening");
    Assertions.assertThat(driver.view("exporter", (String) screened.get("id"))).containsEntry("appeal", null)
        .containsEntry("status", "REJECTED");
  }

  /** The window's edge on the engine's clock: its last moment is inside, the second after it is not. */
  @Test
  void anAppealIsReceivedUntilTheLastMomentOfTheWindow() {
    Map<String, Object> first = refused("tech");
    Map<String, Object> second = refused("tech");
    OffsetDateTime firstDecided = decidedAt(first);
    OffsetDateTime secondDecided = decidedAt(second);

    ClockUtil.setCurrentTime(Date.from(secondDecided.plusDays(28).plusSeconds(1).toInstant()));
    ResponseEntity<Map<String, Object>> late = appeal("exporter", (String) second.get("id"), GROUNDS);
    Assertions.assertThat(late.getStatusCode().value()).isEqualTo(409);
    Assertions.assertThat((String) late.getBody().get("detail")).startsWith("The time to appeal against the refusal of "
        + second.get("reference") + " ended on ").endsWith(": an appeal must be made within 28 days of the refusal.");
    Assertions.assertThat(driver.view("exporter", (String) second.get("id"))).containsEntry("status", "REJECTED");

    ClockUtil.setCurrentTime(Date.from(firstDecided.plusDays(28).toInstant()));
    ResponseEntity<Map<String, Object>> inTime = appeal("exporter", (String) first.get("id"), GROUNDS);
    Assertions.assertThat(inTime.getStatusCode().value()).isEqualTo(201);
    Assertions.assertThat(inTime.getBody()).containsEntry("status", "UNDER_APPEAL");
  }

  @Test
  void theOpenApiDocumentDescribesTheAppealAndTheCriteria() {
    String openApi = as("exporter").getForEntity("/v3/api-docs", String.class).getBody();
    Assertions.assertThat(openApi).contains("\"/api/applications/{id}/appeal\"", "Appeal against a licensing officer's refusal",
        "\"refusalCriteria\"", "\"issuedOnAppeal\"", "UNDER_APPEAL", "\"AppealRequest\"");
  }

  @AfterAll
  static void everyFlowNodeWasPassed() {
    FlowNodeCoverage.assertEveryFlowNodePassed(engineForCoverage, "applicationAppeal");
  }

  /**
   * An application reviewed (the technical review by {@code technicalReviewer}) and refused by
   * {@code officer} with a criterion and a rationale, its refusal email sent.
   */
  private Map<String, Object> refused(String technicalReviewer) {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    String instance = driver.approvedByTheReviewers(submitted, technicalReviewer);
    driver.complete("officer", driver.task(instance, "licensingDecision"), withVariables("licensingDecision", "REJECT",
        "decisionRationale", "The end user resells tools to private firms.",
        "refusalCriteria", org.camunda.spin.Spin.JSON("[\"DIVERSION_RISK\"]")));
    driver.runAsyncJobs(instance);
    try {
      smtp.purgeEmailFromAllMailboxes();
    } catch (com.icegreen.greenmail.store.FolderException e) {
      throw new IllegalStateException(e);
    }
    return driver.view("exporter", (String) submitted.get("id"));
  }

  private OffsetDateTime decidedAt(Map<String, Object> view) {
    return OffsetDateTime.parse((String) ((Map<?, ?>) view.get("decision")).get("decidedAt"));
  }

  private ResponseEntity<Map<String, Object>> appeal(String user, String id, String grounds) {
    return driver.post(user, "/api/applications/" + id + "/appeal", "{\"grounds\": \"" + grounds + "\"}");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> appealOf(String id) {
    return (Map<String, Object>) driver.view("exporter", id).get("appeal");
  }

  private ProcessInstance appealInstance(String appealReference) {
    return processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("applicationAppeal")
        .processInstanceBusinessKey(appealReference).singleResult();
  }

  private ResponseEntity<Map<String, Object>> claim(String user, Task task) {
    return driver.post(user, "/engine-rest/task/" + task.getId() + "/claim", "{\"userId\": \"" + user + "\"}");
  }

  private List<String> taskIds(String user, String processInstanceId) {
    ResponseEntity<String> response = as(user).exchange("/engine-rest/task?maxResults=100&processInstanceId="
        + processInstanceId, HttpMethod.GET, null, String.class);
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.getBody()).findValuesAsText("id");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
