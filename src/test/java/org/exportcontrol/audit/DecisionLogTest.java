package org.exportcontrol.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exportcontrol.support.LicenseReviewDriver.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.exportcontrol.support.ProcessPathTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The decision log: what a case writes, who may read it, and that a changed entry is found. */
class DecisionLogTest extends ProcessPathTest {

  @Autowired DecisionLog decisionLog;
  @Autowired JdbcClient jdbc;

  @Test
  void aLicensedCaseIsOnTheRecordInOrderWithWhoDidWhat() {
    String license = driver.license("DE");
    String applicationId = jdbc.sql("select application_id from license where license_number = ?").param(license)
        .query(String.class).single();
    ResponseEntity<List<Map<String, Object>>> history = history("officer", "/api/applications/" + applicationId + "/history");
    assertThat(history.getStatusCode().value()).isEqualTo(200);
    List<Map<String, Object>> entries = history.getBody();
    assertThat(entries).extracting(e -> e.get("action")).containsExactly("APPLICATION_SUBMITTED", "SCREENED",
        "REVIEW_RECORDED", "REVIEW_RECORDED", "REVIEW_RECORDED", "REVIEWS_COMPLETED", "DECIDED", "LICENSE_ISSUED");
    assertThat(entries).extracting(e -> e.get("actor")).containsExactly("exporter", "system", "tech", "legal", "foreign",
        "system", "officer", "officer");
    assertThat(entries).extracting(e -> ((Number) e.get("seq")).longValue()).isSorted();
    assertThat(entries.get(2).get("details")).isEqualTo(Map.of("step", "technicalReview", "recommendation", "APPROVE"));
    assertThat((Map<String, Object>) entries.get(6).get("details")).containsEntry("outcome", "APPROVE");

    assertThat(as("exporter").getForEntity("/api/applications/" + applicationId + "/history", String.class)
        .getStatusCode().value())
        .as("applicants never read the reviewers' record").isEqualTo(403);
    assertThat(history("compliance", "/api/licenses/" + license + "/history").getBody())
        .extracting(e -> e.get("action")).containsExactly("LICENSE_ISSUED");

    ResponseEntity<Map> verified = as("compliance").getForEntity("/api/audit/verify", Map.class);
    assertThat(verified.getStatusCode().value()).isEqualTo(200);
    assertThat(verified.getBody()).containsEntry("valid", true).doesNotContainKey("firstBrokenSeq");
    assertThat(((Number) verified.getBody().get("entries")).longValue())
        .isEqualTo(((Number) verified.getBody().get("headSeq")).longValue());
    Map<?, ?> head = as("admin").getForEntity("/api/audit/head", Map.class).getBody();
    assertThat(head.get("headHash")).isEqualTo(verified.getBody().get("headHash"));
    assertThat(as("tech").getForEntity("/api/audit/verify", String.class).getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void aRefusedCompletionLeavesNoEntry() {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    String instance = driver.processInstanceOf((String) submitted.get("reference"));
    assertThatThrownBy(() -> driver.complete("tech", driver.task(instance, "technicalReview"),
        Map.of("technicalRecommendation", "REJECT")))
        .isInstanceOf(FormFieldValidationException.class);
    assertThat(decisionLog.entries((String) submitted.get("reference"))).extracting(DecisionLogEntry::action)
        .containsExactly(DecisionAction.APPLICATION_SUBMITTED, DecisionAction.SCREENED);
  }

  @Test
  void anAlteredEntryIsFoundByItsNumber() {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    DecisionLogEntry entry = decisionLog.entries((String) submitted.get("reference")).get(0);
    String original = jdbc.sql("select details from decision_log where seq = ?").param(entry.seq())
        .query(String.class).single();
    try {
      jdbc.sql("update decision_log set details = ? where seq = ?")
          .params(original.replace("Demo Cyber Ltd", "Another Company"), entry.seq()).update();
      DecisionLog.Verification broken = decisionLog.verify();
      assertThat(broken.valid()).isFalse();
      assertThat(broken.firstBrokenSeq()).isEqualTo(entry.seq());
    } finally {
      jdbc.sql("update decision_log set details = ? where seq = ?").params(original, entry.seq()).update();
    }
    assertThat(decisionLog.verify().valid()).isTrue();
  }

  @Test
  void concurrentWritersGetGaplessNumbersAndOneChain() throws Exception {
    long before = decisionLog.head().headSeq();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int writer = t;
        writers.add(pool.submit(() -> {
          for (int i = 0; i < 10; i++) {
            decisionLog.recordBySystem("TEST-CHAIN-" + writer, DecisionAction.JOB_EXECUTED, Map.of("i", i));
          }
        }));
      }
      for (Future<?> w : writers) {
        w.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(decisionLog.head().headSeq()).isEqualTo(before + 40);
    assertThat(jdbc.sql("select count(*) from decision_log where seq > ?").param(before).query(Long.class).single())
        .isEqualTo(40);
    assertThat(decisionLog.verify().valid()).isTrue();
  }

  private ResponseEntity<List<Map<String, Object>>> history(String user, String path) {
    return as(user).exchange(path, HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
  }
}
