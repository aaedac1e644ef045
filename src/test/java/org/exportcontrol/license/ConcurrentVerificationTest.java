package org.exportcontrol.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.task.Task;
import org.exportcontrol.support.ProcessPathTest;
import org.exportcontrol.support.Requests;
import org.exportcontrol.support.TaskReadPause;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Found by the chaos test (issue 15): the technical reviewer sends the shutdown's verification twice
 * at the same moment (two tabs, a client's retry). The first ends the enforcement sub-process and
 * its execution; the second had already read the task, then found no execution to put its fields
 * on (Camunda then drops them silently), and was refused for a field it had sent ("shutdownVerified
 * must be true or false", 400). It lost a race: 409, like any completion of a task someone completed first.
 */
class ConcurrentVerificationTest extends ProcessPathTest {

  @Autowired RuntimeService runtimeService;
  @Autowired JdbcClient jdbc;

  @Test
  void aVerificationSentTwiceAtOnceIsOneVerificationAndOneConflictNotAFieldError() throws Exception {
    String license = revokedWithConfirmedShutdown();
    String revocation = runtimeService.createProcessInstanceQuery().processDefinitionKey("licenseRevocation")
        .processInstanceBusinessKey(license).singleResult().getId();
    Task verify = driver.task(revocation, "verifyShutdown");

    // the second request has read the task and waits at the authorization check, before its fields are set
    ExecutorService secondTab = Executors.newSingleThreadExecutor();
    try (TaskReadPause held = TaskReadPause.arm(processEngine, verify.getId())) {
      Future<ResponseEntity<String>> late = secondTab.submit(() -> as("tech").exchange(
          "/engine-rest/task/" + verify.getId() + "/complete", HttpMethod.POST,
          Requests.json("{\"variables\": {\"shutdownVerified\": {\"value\": true}}}"), String.class));
      held.awaitReached();
      driver.complete("tech", verify, Map.of("shutdownVerified", true));
      held.release();
      ResponseEntity<String> answer = late.get(60, TimeUnit.SECONDS);

      assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(409);
      assertThat(answer.getBody()).contains("Someone else completed or took this task at the same moment");
    } finally {
      secondTab.shutdownNow();
    }
    assertThat(jdbc.sql("select count(*) from decision_log where subject = ? and action = 'SHUTDOWN_VERIFIED'")
        .param(license).query(Long.class).single()).isEqualTo(1);
  }

  /** A license revoked for misuse whose holder has confirmed the shutdown: verifyShutdown waits. */
  private String revokedWithConfirmedShutdown() {
    String license = driver.license("DE");
    ResponseEntity<Map<String, Object>> filed = driver.post("compliance", "/api/misuse-reports", """
        {"licenseNumber": "%s", "category": "POLITICAL_TARGETING", "source": "NGO", "summary": "Opposition hacked"}"""
        .formatted(license));
    assertThat(filed.getStatusCode().value()).isEqualTo(201);
    String report = runtimeService.createProcessInstanceQuery().processDefinitionKey("misuseReport")
        .processInstanceBusinessKey((String) filed.getBody().get("reference")).singleResult().getId();
    driver.complete("compliance", driver.task(report, "triageMisuseReport"), Map.of("credible", true, "severity", "HIGH"));
    driver.complete("compliance", driver.task(report, "investigateMisuse"),
        Map.of("finding", "SUBSTANTIATED", "investigationSummary", "Confirmed"));
    driver.complete("officer", driver.task(report, "decideMisuseAction"),
        Map.of("misuseAction", "REVOKE", "actionRationale", "Political targeting"));
    driver.runAsyncJobs(report);
    ResponseEntity<Map<String, Object>> confirmed = driver.post("exporter", "/api/licenses/" + license
        + "/shutdown-confirmation", "{\"evidence\": \"Wiped\", \"shutdownAt\": \""
        + OffsetDateTime.now(ZoneOffset.UTC).minusHours(1) + "\"}");
    assertThat(confirmed.getStatusCode().value()).isEqualTo(200);
    return license;
  }
}
