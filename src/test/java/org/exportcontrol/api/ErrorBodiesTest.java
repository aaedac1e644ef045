package org.exportcontrol.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.exportcontrol.support.Requests;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every error path we know, on both APIs, scanned (issue 15): a 4xx, problem+json, and no SQL,
 * table, index or column names, database error codes, class names or stack frames in the body.
 */
class ErrorBodiesTest extends IntegrationTest {

  /** What only a system's insides say (the engine's own ENGINE-xxxxx codes are not: Camunda documents them). */
  static final Pattern INTERNALS = Pattern.compile("(?i)\\bselect\\b[^\"]*\\bfrom\\b|insert into|\\bupdate\\s+\\w+\\s+set\\b"
      + "|delete from|sql|\\bACT_[A-Z]{2}_|\\b(UK|FK|IDX|PK)_[A-Z0-9_]+|ENGINE-03\\d{3}|###|\\b(org|java|jakarta|com)\\.[a-z]+\\."
      + "|[A-Za-z]+(Exception|Entity|Dto)\\b|\\tat |duplicate key|constraint|\\.java:\\d+|h2|postgres|hibernate|mybatis");

  record Call(String user, HttpMethod method, String path, HttpEntity<?> body) {
    static Call of(String user, HttpMethod method, String path, String json) {
      return new Call(user, method, path, json == null ? null : Requests.json(json));
    }
  }

  @Test
  void noErrorOfEitherApiShowsTheSystemsInsides() {
    LicenseReviewDriver driver = new LicenseReviewDriver(processEngine, rest);
    Map<String, Object> submitted = driver.submit("exporter", LicenseReviewDriver.application("DE"));
    String id = (String) submitted.get("id");
    String instance = driver.processInstanceOf((String) submitted.get("reference"));
    String review = driver.task(instance, "technicalReview").getId();
    String unknown = UUID.randomUUID().toString();
    HttpHeaders xml = new HttpHeaders();
    xml.setContentType(MediaType.APPLICATION_XML);

    List<Call> calls = new ArrayList<>(List.of(
        // the project's API
        Call.of("exporter", HttpMethod.POST, "/api/applications", "{\"product\": "),
        Call.of("exporter", HttpMethod.POST, "/api/applications", "{\"product\": {\"name\": \"\"}, \"bogus\": 1}"),
        Call.of("exporter", HttpMethod.POST, "/api/applications", "[1, 2]"),
        new Call("exporter", HttpMethod.POST, "/api/applications", new HttpEntity<>("<a/>", xml)),
        Call.of("exporter", HttpMethod.PUT, "/api/applications", "{}"),
        Call.of("exporter", HttpMethod.GET, "/api/applications/" + unknown, null),
        Call.of("exporter", HttpMethod.GET, "/api/applications/not-a-uuid'--", null),
        Call.of("exporter", HttpMethod.GET, "/api/applications?page=abc&size=-1", null),
        Call.of("exporter", HttpMethod.POST, "/api/applications/" + id + "/responses",
            "{\"requestId\": \"" + unknown + "\", \"message\": \"x\"}"),
        Call.of("exporter", HttpMethod.POST, "/api/applications/" + unknown + "/withdraw", null),
        Call.of("exporter", HttpMethod.GET, "/api/licenses/LIC-2026-999999", null),
        Call.of("exporter", HttpMethod.POST, "/api/licenses/LIC-2026-999999/shutdown-confirmation",
            "{\"evidence\": \"x\", \"shutdownAt\": \"yesterday\"}"),
        Call.of("compliance", HttpMethod.POST, "/api/misuse-reports", "{\"licenseNumber\": \"LIC' OR 1=1 --\"}"),
        Call.of("exporter", HttpMethod.POST, "/api/misuse-reports", "{}"),
        Call.of("exporter", HttpMethod.GET, "/api/audit/verify", null),
        Call.of("exporter", HttpMethod.GET, "/api/nothing-here", null),
        Call.of("admin", HttpMethod.POST, "/api/admin/cases/EXP-2026-999999/cancellation", "{\"reason\": \"short\"}"),
        Call.of(null, HttpMethod.GET, "/api/applications", null),
        // Camunda's REST API
        Call.of("tech", HttpMethod.GET, "/engine-rest/task/" + unknown, null),
        Call.of("tech", HttpMethod.POST, "/engine-rest/task/" + unknown + "/complete", "{}"),
        Call.of("tech", HttpMethod.POST, "/engine-rest/task/" + review + "/complete",
            "{\"variables\": {\"technicalRecommendation\": {\"value\": \"REJECT\"}}}"),
        Call.of("legal", HttpMethod.POST, "/engine-rest/task/" + review + "/claim", "{\"userId\": \"legal\"}"),
        Call.of("tech", HttpMethod.POST, "/engine-rest/task/" + review + "/resolve", "{}"),
        Call.of("tech", HttpMethod.POST, "/engine-rest/task/" + review + "/submit-form",
            "{\"variables\": {\"technicalRecommendation\": {\"value\": \"x\", \"type\": \"Integer\"}}}"),
        Call.of("tech", HttpMethod.GET, "/engine-rest/task?sortBy=nonsense&sortOrder=sideways", null),
        Call.of("tech", HttpMethod.GET, "/engine-rest/task?processVariables=a_bogus_1", null),
        Call.of("tech", HttpMethod.POST, "/engine-rest/process-definition/key/noSuchProcess/start", "{}"),
        Call.of("tech", HttpMethod.POST, "/engine-rest/message", "{\"messageName\": \"nobodyWaits\"}"),
        Call.of("tech", HttpMethod.POST, "/engine-rest/job/" + unknown + "/execute", null),
        Call.of("tech", HttpMethod.GET, "/engine-rest/process-instance/" + unknown + "/variables", null),
        Call.of("admin", HttpMethod.DELETE, "/engine-rest/process-instance/" + unknown, null),
        Call.of("admin", HttpMethod.POST, "/engine-rest/deployment/create", "{}"),
        Call.of("exporter", HttpMethod.GET, "/engine-rest/task", null)));

    for (Call call : calls) {
      var client = call.user() == null ? rest : as(call.user());
      ResponseEntity<String> answer = client.exchange(call.path(), call.method(), call.body(), String.class);
      String where = call.method() + " " + call.path() + " as " + call.user() + " answered " + answer.getStatusCode()
          + ": " + answer.getBody();
      assertThat(answer.getStatusCode().value()).as(where).isBetween(400, 499);
      if (answer.getBody() != null && !answer.getBody().isEmpty()) {
        assertThat(answer.getHeaders().getContentType()).as(where).isNotNull();
        assertThat(answer.getHeaders().getContentType().toString()).as(where).startsWith("application/problem+json");
        assertThat(INTERNALS.matcher(answer.getBody()).find()).as(where).isFalse();
      }
    }
  }
}
