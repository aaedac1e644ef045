package org.exportcontrol.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exportcontrol.support.LicenseReviewDriver.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.task.Task;
import org.exportcontrol.support.ProcessPathTest;
import org.exportcontrol.support.Requests;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two officers complete the same licensing decision at the same moment (issue 15, 2): one license,
 * and the other officer gets 409 with a sentence, not a 500 with the SQL statement and the index name.
 */
class ConcurrentDecisionTest extends ProcessPathTest {

  @Autowired JdbcClient jdbc;

  @Test
  void twoOfficersDecidingAtOnceGetOneLicenseAndOneConflict() throws Exception {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    String instance = driver.approvedByTheReviewers(submitted, "tech");
    Task decision = driver.task(instance, "licensingDecision");

    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService officers = Executors.newFixedThreadPool(2);
    List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
    for (String officer : List.of("officer", "officer2")) {
      answers.add(officers.submit(() -> {
        together.await(10, TimeUnit.SECONDS);
        return as(officer).exchange("/engine-rest/task/" + decision.getId() + "/complete", HttpMethod.POST,
            Requests.json("{\"variables\": {\"licensingDecision\": {\"value\": \"APPROVE\"}}}"), String.class);
      }));
    }
    List<ResponseEntity<String>> results = new ArrayList<>();
    for (Future<ResponseEntity<String>> answer : answers) {
      results.add(answer.get(60, TimeUnit.SECONDS));
    }
    officers.shutdown();

    assertThat(results).extracting(r -> r.getStatusCode().value()).containsExactlyInAnyOrder(204, 409);
    String conflict = results.stream().filter(r -> r.getStatusCode().value() == 409).findFirst().orElseThrow().getBody();
    assertThat(conflict).contains("Someone else completed or took this task at the same moment")
        .doesNotContainIgnoringCase("insert into").doesNotContainIgnoringCase("uk_license").doesNotContain("SQL")
        .doesNotContain("\tat ");
    assertThat(jdbc.sql("select count(*) from license l join application a on a.id = l.application_id "
        + "where a.reference = ?").param(submitted.get("reference")).query(Long.class).single()).isEqualTo(1);
  }
}
