package org.exportcontrol.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exportcontrol.support.LicenseReviewDriver.application;

import java.util.List;
import java.util.Map;
import org.exportcontrol.support.ProcessPathTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 17, amendments: {@code POST /api/applications/{id}/amendments} from each status under review,
 * refused from every other, the superseded case's tasks and questions gone, the amendment's own
 * screening and review, the note on what changed, and the API's errors (nothing stored on a refusal).
 */
class AmendmentTest extends ProcessPathTest {

  private static final String NO_CERTIFICATE = application("DE").replaceAll(",\\s*\"endUseCertificate\": \\{[^}]*}", "");

  @Autowired JdbcClient jdbc;

  @Test
  void anApplicationAskedForItsCertificateIsAmendedWithOneAndTheQuestionEnds() {
    Map<String, Object> original = driver.submit("exporter", NO_CERTIFICATE);
    assertThat(original).containsEntry("status", "INFORMATION_REQUESTED");
    String processInstance = driver.processInstanceOf(reference(original));
    assertThat(driver.tree(processInstance)).hasSize(2);

    Map<String, Object> amendment = amend(original, application("DE"));
    assertThat(amendment).containsEntry("status", "IN_REVIEW").containsEntry("amendmentOf", reference(original));
    assertThat(amendment.get("screening")).isEqualTo(Map.of("outcome", "PASSED", "reasons", List.of()));

    Map<String, Object> superseded = driver.view("exporter", id(original));
    assertThat(superseded).containsEntry("status", "SUPERSEDED").containsEntry("supersededBy", reference(amendment));
    assertThat((List<?>) superseded.get("openRequests")).isEmpty();
    assertThat(jdbc.sql("select status from information_request where application_id = ?").param(id(original))
        .query(String.class).list()).containsOnly("CLOSED");
    // the question's own process ended with the case: nothing waits for an answer
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(reference(original)).count()).isZero();
    assertThat(driver.post("exporter", "/api/applications/" + id(original) + "/responses",
        "{\"requestId\": \"" + ((Map<?, ?>) ((List<?>) original.get("openRequests")).get(0)).get("requestId")
            + "\", \"message\": \"Signed\"}").getStatusCode().value()).isEqualTo(409);

    // what changed: the certificate's three fields; the amendment's forms say so, and that nobody reviewed before
    String note = note(reference(amendment), "legalReview");
    assertThat(note).contains("amends " + reference(original), "(endUseCertificate.signatory, "
        + "endUseCertificate.signedOn, endUseCertificate.prohibitedUsesAcknowledged)", "had no review yet");
  }

  @Test
  void anApplicationAwaitingTheDecisionIsAmendedAndTheDecisionTaskDisappears() {
    Map<String, Object> original = driver.submit("exporter", application("DE"));
    String processInstance = driver.approvedByTheReviewers(original, "tech");
    assertThat(driver.view("exporter", id(original))).containsEntry("status", "AWAITING_DECISION");
    assertThat(driver.task(processInstance, "licensingDecision")).isNotNull();

    Map<String, Object> amendment = amend(original, application("DE").replace("Drug trafficking", "Arms trafficking"));
    assertThat(driver.tasks().createTaskQuery().processInstanceId(processInstance).count()).isZero();
    assertThat(driver.view("officer", id(original))).containsEntry("status", "SUPERSEDED");
    // the amendment starts again at the three reviews, not at the decision
    String next = driver.processInstanceOf(reference(amendment));
    assertThat(driver.tasks().createTaskQuery().processInstanceId(next).list())
        .extracting(t -> t.getTaskDefinitionKey())
        .containsExactlyInAnyOrder("technicalReview", "legalReview", "foreignAffairsReview");
    String note = note(reference(amendment), "foreignAffairsReview");
    assertThat(note).contains("Changed: declared purposes (declaredPurposes).", "Technical review: Approve",
        "Legal review: Approve", "Foreign-affairs review: Approve");
    // the staff view of the original keeps its reviews; the applicant's view never shows them
    assertThat((List<?>) driver.view("officer", id(original)).get("reviews")).hasSize(3);
    assertThat(driver.view("exporter", id(original))).doesNotContainKey("reviews");
  }

  /** The four-eyes principle spans the amendment: who reviewed the original neither decides the amendment nor sees its decision. */
  @Test
  void aReviewerOfTheSupersededApplicationDoesNotDecideTheAmendment() {
    Map<String, Object> original = driver.submit("exporter", application("DE"));
    // tech2 is a technical reviewer and a licensing officer
    driver.complete("tech2", driver.task(driver.processInstanceOf(reference(original)), "technicalReview"),
        Map.of("technicalRecommendation", "APPROVE"));
    Map<String, Object> amendment = amend(original, application("DE"));
    String next = driver.approvedByTheReviewers(amendment, "tech");
    org.camunda.bpm.engine.task.Task decision = driver.task(next, "licensingDecision");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
        driver.complete("tech2", decision, Map.of("licensingDecision", "APPROVE"))))
        .hasMessageContaining("tech2 reviewed the application this one amends and may not decide it");
    // hidden from tech2's Tasklist, offered to the other officers
    assertThat(driver.call("tech2", () -> driver.tasks().createTaskQuery().processInstanceId(next).count())).isZero();
    assertThat(driver.call("officer", () -> driver.tasks().createTaskQuery().processInstanceId(next).count())).isEqualTo(1);
    driver.complete("officer", decision, Map.of("licensingDecision", "APPROVE"));
    assertThat(driver.view("exporter", id(amendment))).containsEntry("status", "APPROVED");
  }

  @Test
  void anAmendmentInReviewRunsItsOwnScreeningWhichMayRejectIt() {
    Map<String, Object> original = driver.submit("exporter", application("DE"));
    Map<String, Object> amendment = amend(original, application("DE").replace("\"LAW_ENFORCEMENT\"", "\"INDIVIDUAL\""));
    assertThat(amendment).containsEntry("status", "REJECTED").containsEntry("amendmentOf", reference(original));
    assertThat(amendment.get("screening")).isEqualTo(Map.of("outcome", "REJECTED", "reasons", List.of("END_USER_NOT_GOVERNMENT")));
    assertThat(driver.view("exporter", id(original))).containsEntry("status", "SUPERSEDED");
  }

  @Test
  void nothingChangedIsSaidSoAndTheRecordNamesBothSides() {
    Map<String, Object> original = driver.submit("exporter", application("DE"));
    Map<String, Object> amendment = amend(original, application("DE"));
    assertThat(note(reference(amendment), "technicalReview")).contains("Nothing changed in the application's fields.");
    List<String> originalLog = actions(reference(original));
    assertThat(originalLog).endsWith("SUPERSEDED");
    assertThat(jdbc.sql("select details from decision_log where subject = ? and action = 'SUPERSEDED'")
        .param(reference(original)).query(String.class).single()).contains(reference(amendment), "exporter");
    assertThat(jdbc.sql("select details from decision_log where subject = ? and action = 'APPLICATION_SUBMITTED'")
        .param(reference(amendment)).query(String.class).single()).contains("\"amendmentOf\"", reference(original),
        "\"changedFields\":[]");
    ResponseEntity<List> history = as("officer").getForEntity("/api/applications/" + id(original) + "/history", List.class);
    assertThat(((List<?>) history.getBody()).stream().map(e -> String.valueOf(((Map<?, ?>) e).get("action"))).toList()).contains("SUPERSEDED");
  }

  @Test
  void onlyAnApplicationUnderReviewCanBeAmended() {
    Map<String, Object> approved = driver.submit("exporter", application("DE"));
    String instance = driver.approvedByTheReviewers(approved, "tech");
    driver.complete("officer", driver.task(instance, "licensingDecision"), Map.of("licensingDecision", "APPROVE"));
    refused(approved, "APPROVED");

    refused(driver.submit("exporter", application("DE").replace("\"LAW_ENFORCEMENT\"", "\"INDIVIDUAL\"")), "REJECTED");

    Map<String, Object> withdrawn = driver.submit("exporter", application("DE"));
    assertThat(driver.post("exporter", "/api/applications/" + id(withdrawn) + "/withdraw", null).getStatusCode().value())
        .isEqualTo(200);
    refused(withdrawn, "WITHDRAWN");

    Map<String, Object> cancelled = driver.submit("exporter", application("DE"));
    assertThat(driver.post("admin", "/api/admin/cases/" + reference(cancelled) + "/cancellation",
        "{\"reason\": \"Submitted under a wrong company name\"}").getStatusCode().value()).isEqualTo(200);
    refused(cancelled, "CANCELLED");

    // an amendment is the only successor: the superseded original cannot be amended a second time
    Map<String, Object> superseded = driver.submit("exporter", application("DE"));
    Map<String, Object> first = amend(superseded, application("FR"));
    refused(superseded, "SUPERSEDED");
    // the amendment itself, under review, can be amended again
    Map<String, Object> second = amend(first, application("DE"));
    assertThat(second).containsEntry("amendmentOf", reference(first));
    assertThat(driver.view("exporter", id(first))).containsEntry("supersededBy", reference(second));
  }

  @Test
  void aBadBodyIsNamedLikeASubmissionAndChangesNothing() {
    Map<String, Object> original = driver.submit("exporter", application("DE"));
    long before = applications();
    ResponseEntity<Map<String, Object>> bad = driver.post("exporter", "/api/applications/" + id(original) + "/amendments",
        application("XX").replace("\"maxPenaltyYears\": 12", "\"maxPenaltyYears\": 101"));
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(bad.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
    assertThat(((List<?>) bad.getBody().get("errors")).stream().map(e -> String.valueOf(((Map<?, ?>) e).get("field"))).toList())
        .containsExactlyInAnyOrder("endUser.country", "declaredPurposes[1].maxPenaltyYears");
    assertThat(driver.post("exporter", "/api/applications/" + id(original) + "/amendments", "{\"product\": ")
        .getStatusCode().value()).isEqualTo(400);
    assertThat(driver.post("exporter", "/api/applications/" + id(original) + "/amendments", "{}")
        .getStatusCode().value()).isEqualTo(400);
    assertThat(applications()).isEqualTo(before);
    assertThat(driver.view("exporter", id(original))).containsEntry("status", "IN_REVIEW").containsEntry("supersededBy", null);
    assertThat(driver.tasks().createTaskQuery().processInstanceId(driver.processInstanceOf(reference(original))).count())
        .isEqualTo(3);
  }

  @Test
  void anotherCompanyGets404StaffGet403AndAnUnknownIdIsNotFound() {
    Map<String, Object> original = driver.submit("exporter", application("DE"));
    long before = applications();
    ResponseEntity<Map<String, Object>> foreign = driver.post("exporter2",
        "/api/applications/" + id(original) + "/amendments", application("DE"));
    assertThat(foreign.getStatusCode().value()).isEqualTo(404);
    assertThat(foreign.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
    assertThat(driver.post("officer", "/api/applications/" + id(original) + "/amendments", application("DE"))
        .getStatusCode().value()).isEqualTo(403);
    assertThat(driver.post("exporter", "/api/applications/no-such-id/amendments", application("DE"))
        .getStatusCode().value()).isEqualTo(404);
    assertThat(rest.postForEntity("/api/applications/" + id(original) + "/amendments", null, String.class)
        .getStatusCode().value()).isEqualTo(401);
    assertThat(applications()).isEqualTo(before);
    assertThat(driver.view("exporter", id(original))).containsEntry("status", "IN_REVIEW");
  }

  private void refused(Map<String, Object> application, String status) {
    long before = applications();
    ResponseEntity<Map<String, Object>> response = driver.post("exporter",
        "/api/applications/" + id(application) + "/amendments", application("DE"));
    assertThat(response.getStatusCode().value()).as(status).isEqualTo(409);
    assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
    assertThat((String) response.getBody().get("detail")).contains(reference(application) + " is " + status,
        "only an application under review");
    assertThat(applications()).isEqualTo(before);
    assertThat(driver.view("exporter", id(application))).containsEntry("status", status);
  }

  private Map<String, Object> amend(Map<String, Object> original, String body) {
    ResponseEntity<Map<String, Object>> response = driver.post("exporter",
        "/api/applications/" + id(original) + "/amendments", body);
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(201);
    return response.getBody();
  }

  /** The note on the amendment's task form. */
  private String note(String reference, String task) {
    return (String) driver.tasks().getVariableLocal(driver.task(driver.processInstanceOf(reference), task).getId(),
        "amendmentText");
  }

  private List<String> actions(String subject) {
    return jdbc.sql("select action from decision_log where subject = ? order by seq").param(subject)
        .query(String.class).list();
  }

  private long applications() {
    return jdbc.sql("select count(*) from application").query(Long.class).single();
  }

  private static String id(Map<String, Object> view) {
    return (String) view.get("id");
  }

  private static String reference(Map<String, Object> view) {
    return (String) view.get("reference");
  }
}
