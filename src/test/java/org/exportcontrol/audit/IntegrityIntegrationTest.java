package org.exportcontrol.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exportcontrol.support.LicenseReviewDriver.application;

import com.icegreen.greenmail.util.GreenMailUtil;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.exportcontrol.engine.OperationClosedException;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.support.FlowNodeCoverage;
import org.exportcontrol.support.Mailbox;
import org.exportcontrol.support.ProcessPathTest;
import org.exportcontrol.support.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Nobody, administrators included, acts outside the record (issue 13): the reproductions of the
 * attack with an administrator's password, each refused, and the one intervention that stays open
 * (the cancellation) on the record.
 */
class IntegrityIntegrationTest extends ProcessPathTest {

  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired DecisionLog decisionLog;

  @Test
  void aModificationThatSkipsTheReviewsIsRefusedAndChangesNothing() {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    String instance = driver.processInstanceOf((String) submitted.get("reference"));
    ResponseEntity<Map> response = as("admin").exchange("/engine-rest/process-instance/" + instance + "/modification",
        HttpMethod.POST, Requests.json("""
            {"skipCustomListeners": true, "instructions": [
              {"type": "startBeforeActivity", "activityId": "issueLicense"},
              {"type": "cancel", "activityId": "technicalReview"},
              {"type": "cancel", "activityId": "legalReview"},
              {"type": "cancel", "activityId": "foreignAffairsReview"}]}"""), Map.class);
    assertClosed(response, "Process-instance modification");
    Map<String, Object> view = driver.view("officer", (String) submitted.get("id"));
    assertThat(view).containsEntry("status", "IN_REVIEW").containsEntry("license", null);
    assertThat(driver.tasks().createTaskQuery().processInstanceId(instance).count()).isEqualTo(3);
  }

  /**
   * Issue 22, 4: a variable written beside a completion could set the tier or a recommendation without a
   * decision; every way of writing one through /engine-rest is closed, to the task's own candidate and
   * to an administrator, and a form submission may carry only its task's fields.
   */
  @Test
  void noVariableIsWrittenBesideTheRecord() {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    String instance = driver.processInstanceOf((String) submitted.get("reference"));
    Task review = driver.task(instance, "technicalReview");
    String tier = "{\"value\": \"STANDARD\", \"type\": \"String\"}";
    for (String user : List.of("tech", "admin")) {
      assertClosed(as(user).exchange("/engine-rest/task/" + review.getId() + "/variables/countryTier", HttpMethod.PUT,
          Requests.json(tier), Map.class), "Writing task variables");
      assertClosed(as(user).exchange("/engine-rest/task/" + review.getId() + "/variables", HttpMethod.POST,
          Requests.json("{\"modifications\": {\"technicalRecommendation\": " + tier + "}}"), Map.class),
          "Writing task variables");
      assertClosed(as(user).exchange("/engine-rest/process-instance/" + instance + "/variables", HttpMethod.POST,
          Requests.json("{\"modifications\": {\"countryTier\": " + tier + "}}"), Map.class), "Writing process variables");
      assertClosed(as(user).exchange("/engine-rest/process-instance/" + instance + "/variables/countryTier", HttpMethod.PUT,
          Requests.json(tier), Map.class), "Writing process variables");
    }
    ResponseEntity<Map> unrelated = as("tech").exchange("/engine-rest/task/" + review.getId() + "/submit-form",
        HttpMethod.POST, Requests.json("{\"variables\": {\"technicalRecommendation\": {\"value\": \"APPROVE\"},"
            + " \"legalRecommendation\": {\"value\": \"APPROVE\"}}}"), Map.class);
    assertThat(unrelated.getStatusCode().value()).isEqualTo(400);
    assertThat((String) unrelated.getBody().get("message")).contains("legalRecommendation");
    assertThat(runtimeService.getVariables(instance)).doesNotContainKeys("technicalRecommendation", "legalRecommendation")
        .containsEntry("countryTier", "STANDARD");
    assertThat(driver.task(instance, "technicalReview")).as("the review is still open").isNotNull();
  }

  @Test
  void aStepReachedWithoutItsRecordRefusesChangesNothingAndIsLogged() {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    String reference = (String) submitted.get("reference");
    String instance = driver.processInstanceOf(reference);
    // the way a migration or a job could get there: past the engine's API closures on purpose
    assertThatThrownBy(() -> Privileged.run("test: reach issueLicense", () -> runtimeService
        .createProcessInstanceModification(instance).startBeforeActivity("issueLicense").execute()))
        .isInstanceOf(IntegrityRefusal.class).hasMessageContaining(reference);
    assertThat(driver.view("officer", (String) submitted.get("id"))).containsEntry("status", "IN_REVIEW")
        .containsEntry("license", null);
    List<DecisionLogEntry> refusals = decisionLog.entries(reference).stream()
        .filter(e -> e.action() == DecisionAction.INTEGRITY_REFUSAL).toList();
    assertThat(refusals).hasSize(1);
    assertThat(refusals.get(0).detail("reason")).isEqualTo("the technicalReview is not on record");
    assertThat(refusals.get(0).detail("activity")).isEqualTo("issueLicense");
  }

  @Test
  void onlyAnIndependentLicensingOfficerTakesTheDecisionAndHistoryNamesWhoCompletedIt() {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    String instance = driver.approvedByTheReviewers(submitted, "tech2");
    Task decision = driver.task(instance, "licensingDecision");

    ResponseEntity<Map> adminClaim = claim("admin", decision);
    assertThat(adminClaim.getStatusCode().value()).isEqualTo(403);
    assertThat((String) adminClaim.getBody().get("message")).contains("only members of licensing-officers");
    ResponseEntity<Map> adminComplete = as("admin").exchange("/engine-rest/task/" + decision.getId() + "/complete",
        HttpMethod.POST, Requests.json("{\"variables\": {\"licensingDecision\": {\"value\": \"APPROVE\"}}}"), Map.class);
    assertThat(adminComplete.getStatusCode().value()).isEqualTo(403);
    ResponseEntity<Map> reviewerClaim = claim("tech2", decision);
    assertThat(reviewerClaim.getStatusCode().value()).isEqualTo(403);
    assertThat((String) reviewerClaim.getBody().get("message")).contains("Separation of duties", "reviewed this application");
    assertThat(driver.tasks().createTaskQuery().taskId(decision.getId()).singleResult().getAssignee()).isNull();

    assertThat(claim("officer2", decision).getStatusCode().value()).isEqualTo(204);
    assertThat(as("officer").exchange("/engine-rest/task/" + decision.getId() + "/complete", HttpMethod.POST,
        Requests.json("{\"variables\": {\"licensingDecision\": {\"value\": \"APPROVE\"}}}"), String.class)
        .getStatusCode().value()).isEqualTo(204);
    assertThat(historyService.createHistoricTaskInstanceQuery().taskId(decision.getId()).singleResult().getAssignee())
        .as("the assignee on record is the officer who decided").isEqualTo("officer");
    driver.runAsyncJobs(instance);
    Map<String, Object> view = driver.view("officer", (String) submitted.get("id"));
    assertThat(view).containsEntry("status", "APPROVED");
    assertThat(((Map<?, ?>) view.get("decision")).get("rationale")).as("nobody wrote one").isNull();
  }

  @Test
  void theDecidingOfficerCannotTakeTheCountersignature() {
    String instance = driver.approvedByTheReviewers(driver.submit("exporter", application("BR")), "tech");
    driver.complete("officer", driver.task(instance, "licensingDecision"), Map.of("licensingDecision", "APPROVE"));
    Task countersign = driver.task(instance, "countersignDecision");
    ResponseEntity<Map> own = claim("officer", countersign);
    assertThat(own.getStatusCode().value()).isEqualTo(403);
    assertThat((String) own.getBody().get("message")).contains("made this licensing decision");
    assertThat(claim("officer2", countersign).getStatusCode().value()).isEqualTo(204);
  }

  @Test
  void deletingACaseIsClosedAndACancellationEndsItOnTheRecord() throws Exception {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    String reference = (String) submitted.get("reference");
    String instance = driver.processInstanceOf(reference);
    assertClosed(as("admin").exchange("/engine-rest/process-instance/" + instance, HttpMethod.DELETE, null, Map.class),
        "Process-instance deletion");
    assertClosed(as("admin").exchange("/engine-rest/process-instance/delete", HttpMethod.POST,
        Requests.json("{\"processInstanceIds\": [\"" + instance + "\"], \"deleteReason\": \"x\"}"), Map.class),
        "Process-instance deletion");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isEqualTo(1);

    String path = "/api/admin/cases/" + reference + "/cancellation";
    ResponseEntity<Map> tooShort = as("admin").postForEntity(path, Requests.json("{\"reason\": \"stuck\"}"), Map.class);
    assertThat(tooShort.getStatusCode().value()).isEqualTo(400);
    assertThat((List<Map<String, Object>>) tooShort.getBody().get("errors")).extracting(e -> e.get("field"))
        .containsExactly("reason");
    assertThat(as("officer").postForEntity(path, Requests.json("{\"reason\": \"" + "x".repeat(30) + "\"}"), Map.class)
        .getStatusCode().value()).isEqualTo(403);
    assertThat(as("admin").postForEntity("/api/admin/cases/EXP-1999-999999/cancellation",
        Requests.json("{\"reason\": \"" + "x".repeat(30) + "\"}"), Map.class).getStatusCode().value()).isEqualTo(404);

    String reason = "The exporter's company was dissolved; the case cannot proceed.";
    ResponseEntity<Map> cancelled = as("admin").postForEntity(path, Requests.json("{\"reason\": \"" + reason + "\"}"),
        Map.class);
    assertThat(cancelled.getStatusCode().value()).isEqualTo(200);
    assertThat(cancelled.getBody()).containsEntry("status", "CANCELLED").containsEntry("cancelledBy", "admin");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    Map<String, Object> view = driver.view("exporter", (String) submitted.get("id"));
    assertThat(view).containsEntry("status", "CANCELLED");
    assertThat(((Map<?, ?>) view.get("cancellation")).get("reason")).isEqualTo(reason);
    List<DecisionLogEntry> log = decisionLog.entries(reference);
    DecisionLogEntry entry = log.get(log.size() - 1);
    assertThat(entry.action()).isEqualTo(DecisionAction.CASE_CANCELLED);
    assertThat(entry.actor()).isEqualTo("admin");
    assertThat(entry.detail("reason")).isEqualTo(reason);

    ProcessInstance notice = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("caseCancellation").singleResult();
    driver.runAsyncJobs(notice.getId());
    assertThat(GreenMailUtil.getBody(Mailbox.mail(smtp, reference + ": case cancelled"))).contains(reason);
    assertThat(as("admin").postForEntity(path, Requests.json("{\"reason\": \"" + reason + "\"}"), Map.class)
        .getStatusCode().value()).isEqualTo(409);
  }

  @Test
  void aLicenseIsCancelledWithItsOwnProcesses() {
    String license = driver.license("DE");
    ResponseEntity<Map> cancelled = as("admin").postForEntity("/api/admin/cases/" + license + "/cancellation",
        Requests.json("{\"reason\": \"Issued to a company that never existed; ended by order.\"}"), Map.class);
    assertThat(cancelled.getStatusCode().value()).isEqualTo(200);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(license)
        .processDefinitionKey("licenseExpiry").count()).isZero();
    Map<String, Object> view = driver.get("exporter", "/api/licenses/" + license).getBody();
    assertThat(view).containsEntry("status", "CANCELLED");
    assertThat(((Map<?, ?>) view.get("cancellation")).get("reason")).isEqualTo("Issued to a company that never existed; ended by order.");
  }

  @Test
  void historyCannotBeErasedNorAnAnnotationRewritten() {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    String instance = driver.processInstanceOf((String) submitted.get("reference"));
    Task review = driver.task(instance, "technicalReview");
    driver.complete("tech", review, Map.of("technicalRecommendation", "APPROVE"));

    assertClosed(as("admin").exchange("/engine-rest/history/process-instance/" + instance, HttpMethod.DELETE, null,
        Map.class), "History deletion");
    assertClosed(as("admin").exchange("/engine-rest/history/process-instance/delete", HttpMethod.POST,
        Requests.json("{\"historicProcessInstanceIds\": [\"" + instance + "\"]}"), Map.class), "History deletion");
    // the Java API is closed just the same, to anyone: here without any user
    assertThatThrownBy(() -> historyService.deleteHistoricTaskInstance(review.getId()))
        .isInstanceOf(OperationClosedException.class);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance).count()).isEqualTo(1);

    UserOperationLogEntry completion = historyService.createUserOperationLogQuery().taskId(review.getId())
        .operationType("Complete").singleResult();
    assertThatThrownBy(() -> historyService.deleteUserOperationLogEntry(completion.getId()))
        .isInstanceOf(OperationClosedException.class).hasMessageContaining("Deleting user operation log entries");
    String annotate = "/engine-rest/history/user-operation/" + completion.getOperationId() + "/set-annotation";
    assertThat(as("admin").exchange(annotate, HttpMethod.PUT, Requests.json("{\"annotation\": \"Checked by audit\"}"),
        String.class).getStatusCode().value()).as("a first annotation is added").isEqualTo(204);
    assertClosed(as("admin").exchange(annotate, HttpMethod.PUT, Requests.json("{\"annotation\": \"Nothing to see\"}"),
        Map.class), "Clearing or overwriting an annotation of the user operation log");
    assertClosed(as("admin").exchange("/engine-rest/history/user-operation/" + completion.getOperationId()
        + "/clear-annotation", HttpMethod.PUT, null, Map.class),
        "Clearing or overwriting an annotation of the user operation log");
    assertThat(historyService.createUserOperationLogQuery().operationId(completion.getOperationId()).list())
        .allSatisfy(e -> assertThat(e.getAnnotation()).isEqualTo("Checked by audit"));
  }

  @Test
  void variablesTaskOwnersLinksAndMessagesCannotBeWrittenFromOutside() {
    Map<String, Object> submitted = driver.submit("exporter", application("BR"));
    String instance = driver.processInstanceOf((String) submitted.get("reference"));
    Task review = driver.task(instance, "technicalReview");
    String task = "/engine-rest/task/" + review.getId();
    String process = "/engine-rest/process-instance/" + instance;
    String variable = "{\"value\": \"STANDARD\", \"type\": \"String\"}";
    String modifications = "{\"modifications\": {\"countryTier\": " + variable + "}}";

    assertClosed(as("admin").exchange(process + "/variables", HttpMethod.POST, Requests.json(modifications), Map.class),
        "Writing process variables");
    assertClosed(as("admin").exchange(process + "/variables/countryTier", HttpMethod.PUT, Requests.json(variable),
        Map.class), "Writing process variables");
    assertClosed(as("admin").exchange(process + "/variables/countryTier", HttpMethod.DELETE, null, Map.class),
        "Deleting process variables");
    assertClosed(as("tech").exchange(task + "/variables/countryTier", HttpMethod.PUT, Requests.json(variable), Map.class),
        "Writing task variables");
    assertClosed(as("admin").exchange(task + "/variables", HttpMethod.POST, Requests.json(modifications), Map.class),
        "Writing task variables");
    assertThat(runtimeService.getVariable(instance, "countryTier")).isEqualTo("ENHANCED");

    assertClosed(as("admin").exchange(task + "/delegate", HttpMethod.POST, Requests.json("{\"userId\": \"tech\"}"),
        Map.class), "Delegating a task");
    assertClosed(as("admin").exchange(task + "/identity-links", HttpMethod.POST,
        Requests.json("{\"groupId\": \"camunda-admin\", \"type\": \"candidate\"}"), Map.class), "Adding a task identity link");
    assertClosed(as("admin").exchange(task + "/identity-links/delete", HttpMethod.POST,
        Requests.json("{\"groupId\": \"technical-reviewers\", \"type\": \"candidate\"}"), Map.class),
        "Deleting a task identity link");
    assertThat(driver.tasks().getIdentityLinksForTask(review.getId())).extracting(l -> l.getGroupId())
        .containsExactly("technical-reviewers");
    ResponseEntity<Map> outside = as("admin").exchange(task + "/assignee", HttpMethod.POST,
        Requests.json("{\"userId\": \"admin\"}"), Map.class);
    assertThat(outside.getStatusCode().value()).as("assigning to someone outside the group").isEqualTo(403);
    assertThat(outside.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
    assertThat(outside.getBody()).containsEntry("operation", "Assigning a task");
    assertThat((String) outside.getBody().get("detail")).contains("only members of technical-reviewers");
    assertThat(as("admin").exchange(task + "/assignee", HttpMethod.POST, Requests.json("{\"userId\": \"tech\"}"),
        String.class).getStatusCode().value()).as("assigning to a member of the group").isEqualTo(204);

    assertClosed(as("admin").exchange("/engine-rest/message", HttpMethod.POST,
        Requests.json("{\"messageName\": \"ApplicationWithdrawn\", \"processInstanceId\": \"" + instance + "\"}"),
        Map.class), "Correlating a message");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isEqualTo(1);
  }

  @Test
  void theProjectsProcessesStartOnlyThroughItsApiOrTheirStartForm() {
    ResponseEntity<Map> review = as("admin").exchange("/engine-rest/process-definition/key/exportLicenseReview/start",
        HttpMethod.POST, Requests.json("{\"variables\": {}}"), Map.class);
    assertThat(review.getStatusCode().value()).isEqualTo(403);
    assertThat((String) review.getBody().get("message")).contains("started by the system's API only");
    assertClosed(as("admin").exchange("/engine-rest/process-definition/key/exportLicenseReview/start", HttpMethod.POST,
        Requests.json("{\"startInstructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \"issueLicense\"}]}"),
        Map.class), "Starting a process at an activity");

    String license = driver.license("DE");
    String start = "/engine-rest/process-definition/key/licenseRevocation/submit-form";
    String form = "{\"variables\": {\"licenseNumber\": {\"value\": \"" + license + "\"}, "
        + "\"revocationReason\": {\"value\": \"Used against a journalist\"}%s}}";
    assertThat(as("compliance").exchange(start, HttpMethod.POST, Requests.json(form.formatted("")), String.class)
        .getStatusCode().value()).isEqualTo(403);
    ResponseEntity<Map> extra = as("officer").exchange(start, HttpMethod.POST,
        Requests.json(form.formatted(", \"misuseReference\": {\"value\": \"MR-2026-000001\"}")), Map.class);
    assertThat(extra.getStatusCode().value()).isEqualTo(400);
    assertThat((String) extra.getBody().get("message")).contains("misuseReference");
    assertThat(driver.get("officer", "/api/licenses/" + license).getBody()).containsEntry("status", "ACTIVE");

    assertThat(as("officer").exchange(start, HttpMethod.POST, Requests.json(form.formatted("")), String.class)
        .getStatusCode().value()).isEqualTo(200);
    assertThat(driver.get("officer", "/api/licenses/" + license).getBody()).containsEntry("status", "REVOKED");
    List<DecisionLogEntry> log = decisionLog.entries(license);
    assertThat(log).extracting(DecisionLogEntry::action).containsSubsequence(DecisionAction.REVOCATION_REQUESTED,
        DecisionAction.REVOKED, DecisionAction.SHUTDOWN_ORDERED);
    assertThat(log.stream().filter(e -> e.action() == DecisionAction.REVOKED).findFirst().orElseThrow().detail("decidedBy"))
        .isEqualTo("officer");
  }

  @Test
  void theInterventionsThatStayOpenAreOnTheRecord() {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    String reference = (String) submitted.get("reference");
    String instance = driver.processInstanceOf(reference);
    Job email = processEngine.getManagementService().createJobQuery().processInstanceId(instance).messages()
        .singleResult();
    assertThat(as("admin").exchange("/engine-rest/job/" + email.getId() + "/retries", HttpMethod.PUT,
        Requests.json("{\"retries\": 2}"), String.class).getStatusCode().value()).isEqualTo(204);
    assertThat(as("admin").exchange("/engine-rest/process-instance/" + instance + "/suspended", HttpMethod.PUT,
        Requests.json("{\"suspended\": true}"), String.class).getStatusCode().value()).isEqualTo(204);
    assertThat(as("admin").exchange("/engine-rest/process-instance/" + instance + "/suspended", HttpMethod.PUT,
        Requests.json("{\"suspended\": false}"), String.class).getStatusCode().value()).isEqualTo(204);
    assertThat(as("admin").exchange("/engine-rest/job/" + email.getId() + "/execute", HttpMethod.POST, null,
        String.class).getStatusCode().value()).isEqualTo(204);

    List<DecisionLogEntry> interventions = decisionLog.entries(reference).stream()
        .filter(e -> "admin".equals(e.actor())).toList();
    assertThat(interventions).extracting(DecisionLogEntry::action).containsExactly(DecisionAction.INCIDENT_RETRIED,
        DecisionAction.CASE_SUSPENDED, DecisionAction.CASE_ACTIVATED, DecisionAction.JOB_EXECUTED);
    assertThat(interventions.get(0).detail("jobId")).isEqualTo(email.getId());
  }

  @Test
  void aSuspensionOrRevocationWithoutItsDecisionIsRefused() {
    String license = driver.license("DE");
    ResponseEntity<Map<String, Object>> filed = driver.post("compliance", "/api/misuse-reports", """
        {"licenseNumber": "%s", "category": "POLITICAL_TARGETING", "source": "NGO", "summary": "Opposition leader hacked"}"""
        .formatted(license));
    String report = (String) filed.getBody().get("reference");
    String instance = runtimeService.createProcessInstanceQuery().processDefinitionKey("misuseReport")
        .processInstanceBusinessKey(report).singleResult().getId();
    driver.complete("compliance", driver.task(instance, "triageMisuseReport"), Map.of("credible", true, "severity", "HIGH"));

    for (String step : List.of("suspendLicenseInterim", "suspendLicenseForMisuse", "revokeLicenseForMisuse")) {
      assertThatThrownBy(() -> Privileged.run("test: reach " + step, () -> runtimeService
          .createProcessInstanceModification(instance).startBeforeActivity(step).execute()))
          .as(step).isInstanceOf(IntegrityRefusal.class).hasMessageContaining(report);
    }
    assertThat(driver.get("officer", "/api/licenses/" + license).getBody()).containsEntry("status", "ACTIVE");
    assertThat(decisionLog.entries(report)).filteredOn(e -> e.action() == DecisionAction.INTEGRITY_REFUSAL)
        .extracting(e -> e.detail("reason")).containsExactly(
            "no compliance officer triaged report " + report + " as critical",
            "no licensing officer decided SUSPEND on report " + report,
            "no licensing officer decided REVOKE on report " + report);
  }

  @AfterAll
  static void everyFlowNodeOfTheCancellationNoticeWasPassed() {
    FlowNodeCoverage.assertEveryFlowNodePassed(engineForCoverage, "caseCancellation");
  }

  private ResponseEntity<Map> claim(String user, Task task) {
    return as(user).exchange("/engine-rest/task/" + task.getId() + "/claim", HttpMethod.POST,
        Requests.json("{\"userId\": \"" + user + "\"}"), Map.class);
  }

  /** 403 as problem+json naming the operation. */
  private static void assertClosed(ResponseEntity<Map> response, String operation) {
    assertThat(response.getStatusCode().value()).as(operation).isEqualTo(403);
    assertThat(response.getHeaders().getContentType().toString()).as(operation).isEqualTo("application/problem+json");
    assertThat(response.getBody()).as(operation).containsEntry("operation", operation);
    assertThat((String) response.getBody().get("detail")).as(operation).contains("is closed to everyone");
  }
}
