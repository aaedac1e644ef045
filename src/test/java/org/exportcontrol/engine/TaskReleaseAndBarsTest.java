package org.exportcontrol.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exportcontrol.support.LicenseReviewDriver.application;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.exportcontrol.support.ProcessPathTest;
import org.exportcontrol.support.Requests;
import org.exportcontrol.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Nobody is trapped by a task (issue 16, 1 and 2): candidates give back what they claimed, and a task
 * the separation-of-duties rules would refuse someone is never offered to them, while their colleagues
 * see it as before. Through /engine-rest as the users themselves, the way Tasklist calls the engine.
 */
class TaskReleaseAndBarsTest extends ProcessPathTest {

  @Test
  void aReviewerReleasesTheReviewHeClaimedAndAColleagueReleasesAnOfficersClaim() {
    String instance = driver.processInstanceOf((String) driver.submit("exporter", application("DE")).get("reference"));
    Task review = driver.task(instance, "technicalReview");
    assertThat(claim("tech", review).getStatusCode().value()).isEqualTo(204);
    assertThat(post("tech", "/engine-rest/task/" + review.getId() + "/unclaim", null).getStatusCode().value())
        .as("the assignee gives his own claim back").isEqualTo(204);
    assertThat(assignee(review)).isNull();

    driver.complete("tech", review, Map.of("technicalRecommendation", "APPROVE"));
    driver.complete("legal", driver.task(instance, "legalReview"), Map.of("legalRecommendation", "APPROVE"));
    driver.complete("foreign", driver.task(instance, "foreignAffairsReview"), Map.of("foreignAffairsRecommendation", "APPROVE"));
    driver.joinReviews(instance);
    Task decision = driver.task(instance, "licensingDecision");
    assertThat(claim("officer", decision).getStatusCode().value()).isEqualTo(204);
    assertThat(post("officer", "/engine-rest/task/" + decision.getId() + "/unclaim", null).getStatusCode().value())
        .isEqualTo(204);
    assertThat(claim("officer", decision).getStatusCode().value()).isEqualTo(204);
    // officer is on leave: a colleague resets the assignee, as Tasklist's "x" beside the name does
    assertThat(post("officer2", "/engine-rest/task/" + decision.getId() + "/assignee", "{\"userId\": null}")
        .getStatusCode().value()).isEqualTo(204);
    assertThat(assignee(decision)).isNull();
    assertThat(claim("officer2", decision).getStatusCode().value()).isEqualTo(204);
    driver.complete("officer2", decision, Map.of("licensingDecision", "APPROVE"));
  }

  @Test
  void theCountersignatureIsNotOfferedToTheDecidingOfficerAndHisClaimIsRefusedInASentence() {
    String instance = driver.approvedByTheReviewers(driver.submit("exporter", application("BR")), "tech");
    driver.complete("officer", driver.task(instance, "licensingDecision"), Map.of("licensingDecision", "APPROVE"));
    Task countersign = driver.task(instance, "countersignDecision");

    assertThat(taskIds("officer", instance)).as("the deciding officer's task list").doesNotContain(countersign.getId());
    assertThat(taskIds("officer2", instance)).as("another officer's task list").contains(countersign.getId());
    assertThat(count("officer", "/engine-rest/task/count?processInstanceId=" + instance)).isZero();
    assertThat(driver.get("officer", "/engine-rest/task/" + countersign.getId()).getStatusCode().value())
        .as("opening it by its address").isEqualTo(404);

    ResponseEntity<Map<String, Object>> own = claim("officer", countersign);
    assertThat(own.getStatusCode().value()).isEqualTo(403);
    assertThat((String) own.getBody().get("message")).contains(
        "officer may not take the task 'Countersign approval': Separation of duties: officer made this licensing "
            + "decision and may not countersign it");
    assertThat(assignee(countersign)).isNull();

    assertThat(claim("officer2", countersign).getStatusCode().value()).isEqualTo(204);
    assertThat(post("officer", "/engine-rest/task/" + countersign.getId() + "/assignee", "{\"userId\": null}")
        .getStatusCode().value()).as("the barred officer does not release his colleague's claim").isIn(403, 404);
    assertThat(assignee(countersign)).isEqualTo("officer2");
    driver.complete("officer2", countersign, Map.of("countersignature", "APPROVE"));
    driver.runAsyncJobs(instance);
    assertThat(driver.tasks().createTaskQuery().processInstanceId(instance).count()).isZero();
  }

  @Test
  void aReviewerWhoIsAlsoAnOfficerIsNotOfferedTheDecisionAndABarredUserReleasesNothing() {
    String instance = driver.approvedByTheReviewers(driver.submit("exporter", application("DE")), "tech2");
    Task decision = driver.task(instance, "licensingDecision");
    assertThat(taskIds("tech2", instance)).doesNotContain(decision.getId());
    assertThat(taskIds("officer", instance)).contains(decision.getId());
    assertThat(claim("officer2", decision).getStatusCode().value()).isEqualTo(204);
    // the sentence from the gate, not Camunda's list of permissions
    ResponseEntity<Map<String, Object>> release = post("tech2", "/engine-rest/task/" + decision.getId() + "/assignee",
        "{\"userId\": null}");
    assertThat(release.getStatusCode().value()).isEqualTo(403);
    assertThat(assignee(decision)).isEqualTo("officer2");
  }

  @Test
  void aPersonInTwoReviewerGroupsLosesTheOtherReviewOnceHeGaveOne() {
    TestUsers.ensure(processEngine, "polymath", "technical-reviewers", "legal-reviewers");
    try {
      String instance = driver.processInstanceOf((String) driver.submit("exporter", application("DE")).get("reference"));
      Task legal = driver.task(instance, "legalReview");
      assertThat(taskIds("polymath", instance)).as("both reviews offered before").contains(legal.getId())
          .contains(driver.task(instance, "technicalReview").getId());
      driver.complete("polymath", driver.task(instance, "technicalReview"), Map.of("technicalRecommendation", "APPROVE"));
      assertThat(taskIds("polymath", instance)).as("the legal review, open all along, after he gave the technical one")
          .doesNotContain(legal.getId());
      assertThat(taskIds("legal", instance)).contains(legal.getId());
      ResponseEntity<Map<String, Object>> claim = claim("polymath", legal);
      assertThat(claim.getStatusCode().value()).isEqualTo(403);
      assertThat((String) claim.getBody().get("message")).contains("the three reviews are independent");
    } finally {
      // the groups' emails of the other tests name their members
      processEngine.getIdentityService().deleteUser("polymath");
    }
  }

  @Test
  void theInvestigatorIsNotOfferedTheActionDecision() {
    TestUsers.ensure(processEngine, "compliance2", "compliance-officers", "licensing-officers");
    String license = driver.license("DE");
    ResponseEntity<Map<String, Object>> report = driver.post("compliance", "/api/misuse-reports", """
        {"licenseNumber": "%s", "category": "JOURNALIST_OR_ACTIVIST_TARGETING", "source": "Citizen Lab",
         "summary": "Infection of a journalist's phone", "reportedOn": "2026-11-01"}""".formatted(license));
    assertThat(report.getStatusCode().value()).isEqualTo(201);
    String instance = processEngine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("misuseReport")
        .processInstanceBusinessKey((String) report.getBody().get("reference")).singleResult().getId();
    driver.complete("compliance", driver.task(instance, "triageMisuseReport"),
        Map.of("credible", true, "severity", "HIGH", "triageRationale", "Two independent sources"));
    driver.complete("compliance2", driver.task(instance, "investigateMisuse"),
        Map.of("finding", "SUBSTANTIATED", "investigationSummary", "Confirmed by two sources"));
    Task action = driver.task(instance, "decideMisuseAction");
    assertThat(taskIds("compliance2", instance)).doesNotContain(action.getId());
    assertThat(taskIds("officer", instance)).contains(action.getId());
    assertThat(claim("compliance2", action).getStatusCode().value()).isEqualTo(403);
  }

  private String assignee(Task task) {
    return driver.tasks().createTaskQuery().taskId(task.getId()).singleResult().getAssignee();
  }

  private ResponseEntity<Map<String, Object>> claim(String user, Task task) {
    return post(user, "/engine-rest/task/" + task.getId() + "/claim", "{\"userId\": \"" + user + "\"}");
  }

  private ResponseEntity<Map<String, Object>> post(String user, String path, String json) {
    return as(user).exchange(path, HttpMethod.POST, Requests.json(json == null ? "{}" : json),
        new ParameterizedTypeReference<>() {});
  }

  /** The ids of the case's tasks the user's task list holds. */
  private List<String> taskIds(String user, String processInstanceId) {
    ResponseEntity<String> response = as(user).exchange("/engine-rest/task?maxResults=100&processInstanceId=" + processInstanceId,
        HttpMethod.GET, null, String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.getBody()).findValuesAsText("id");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private long count(String user, String path) {
    return ((Number) driver.get(user, path).getBody().get("count")).longValue();
  }
}
