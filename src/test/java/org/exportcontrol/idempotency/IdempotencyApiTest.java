package org.exportcontrol.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Idempotency-Key on the API's POSTs (issue 15, 5: a client retrying after a timeout created a
 * second application). Each test uses its own keys and a product name of its own, so counts are its own.
 */
class IdempotencyApiTest extends IntegrationTest {

  @Autowired JdbcClient jdbc;
  @Autowired IdempotencyKeys keys;
  @Autowired ObjectMapper json;
  @LocalServerPort int port;

  final String product = "Idempotent " + UUID.randomUUID().toString().substring(0, 8);
  final String application = LicenseReviewDriver.application("DE").replace("Interceptor <X>", product);

  @AfterEach
  void forgetTheTestUser() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void theSameApplicationPostedTwiceWithOneKeyIsOneApplicationAndTheFirstAnswerTwice() {
    String key = "\"" + UUID.randomUUID() + "\"";
    ResponseEntity<String> first = post("exporter", "/api/applications", application, key);
    ResponseEntity<String> retry = post("exporter", "/api/applications", application, key);

    assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
    assertThat(retry.getStatusCode().value()).isEqualTo(201);
    assertThat(retry.getBody()).isEqualTo(first.getBody());
    assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation()).isNotNull();
    assertThat(retry.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
    assertThat(applications()).isEqualTo(1);

    OffsetDateTime[] kept = jdbc.sql("select created_at, expires_at from idempotency_key where user_id = 'exporter'"
            + " and idempotency_key = ?").param(unquoted(key))
        .query((row, n) -> new OffsetDateTime[] {row.getObject(1, OffsetDateTime.class), row.getObject(2, OffsetDateTime.class)})
        .single();
    assertThat(Duration.between(kept[0], kept[1])).as("exportcontrol.idempotency.retention, default P1D")
        .isEqualTo(Duration.ofDays(1));
  }

  @Test
  void theSameKeyWithAnotherBodyOrAddressIs422AndCreatesNothing() {
    String key = UUID.randomUUID().toString();
    ResponseEntity<String> first = post("exporter", "/api/applications", application, key);
    assertThat(first.getStatusCode().value()).isEqualTo(201);

    ResponseEntity<String> otherBody = post("exporter", "/api/applications", application.replace("\"DE\"", "\"FR\""), key);
    assertThat(otherBody.getStatusCode().value()).isEqualTo(422);
    assertProblem(otherBody, 422, "Idempotency-Key reused");
    assertThat(field(otherBody, "detail")).contains("Idempotency-Key").contains("new key");
    String id = field(first, "id");
    assertThat(post("exporter", "/api/applications/" + id + "/withdraw", null, key).getStatusCode().value())
        .as("another address under the key").isEqualTo(422);

    assertThat(applications()).isEqualTo(1);
    assertThat(status(id)).as("the withdrawal did not run").isNotEqualTo("WITHDRAWN");
  }

  @Test
  void aKeyStillInFlightIs409AndCreatesNothing() {
    String key = UUID.randomUUID().toString();
    // the first request with this key is running on another node
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.sql("""
            insert into idempotency_key (user_id, idempotency_key, request_hash, state, created_at, expires_at)
            values ('exporter', ?, ?, 'IN_FLIGHT', ?, ?)""")
        .params(key, RequestFingerprint.of("POST", "/api/applications", null, application.getBytes(StandardCharsets.UTF_8))
            .sha256(), now, now.plusDays(1))
        .update();

    ResponseEntity<String> retry = post("exporter", "/api/applications", application, key);
    assertProblem(retry, 409, "Request in progress");
    assertThat(field(retry, "detail")).contains("still being processed");
    assertThat(applications()).isZero();
  }

  @Test
  void differentUsersUseTheSameKeyIndependently() {
    String key = UUID.randomUUID().toString();
    ResponseEntity<String> mine = post("exporter", "/api/applications", application, key);
    ResponseEntity<String> theirs = post("exporter2", "/api/applications", application, key);
    assertThat(mine.getStatusCode().value()).isEqualTo(201);
    assertThat(theirs.getStatusCode().value()).isEqualTo(201);
    assertThat(field(theirs, "id")).isNotEqualTo(field(mine, "id"));
    assertThat(node(theirs).at("/exporter/name").asText()).isEqualTo("Other Intel Ltd");
    assertThat(applications()).isEqualTo(2);
  }

  @Test
  void aKeyPastItsRetentionIsANewRequest() {
    String key = UUID.randomUUID().toString();
    ResponseEntity<String> first = post("exporter", "/api/applications", application, key);
    jdbc.sql("update idempotency_key set expires_at = ? where user_id = 'exporter' and idempotency_key = ?")
        .params(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), key).update();

    ResponseEntity<String> later = post("exporter", "/api/applications", application, key);
    assertThat(later.getStatusCode().value()).isEqualTo(201);
    assertThat(field(later, "id")).isNotEqualTo(field(first, "id"));
    assertThat(applications()).isEqualTo(2);
    assertThat(post("exporter", "/api/applications", application, key).getBody())
        .as("the key's new answer is kept in turn").isEqualTo(later.getBody());
  }

  @Test
  void withoutTheHeaderTwoPostsAreTwoApplicationsAsBefore() {
    ResponseEntity<String> first = post("exporter", "/api/applications", application, null);
    ResponseEntity<String> second = post("exporter", "/api/applications", application, null);
    assertThat(first.getStatusCode().value()).isEqualTo(201);
    assertThat(second.getStatusCode().value()).isEqualTo(201);
    assertThat(field(second, "id")).isNotEqualTo(field(first, "id"));
    assertThat(applications()).isEqualTo(2);
  }

  @Test
  void aMalformedKeyIs400NamingTheHeaderAndCreatesNothing() {
    for (String malformed : List.of("", "\"\"", "x".repeat(256), "\"unclosed", "\"a\\b\"", "half\"quoted")) {
      ResponseEntity<String> refused = post("exporter", "/api/applications", application, malformed);
      assertProblem(refused, 400, "Invalid request");
      assertThat(field(refused, "detail")).as(malformed).startsWith("The Idempotency-Key header ");
      assertThat(node(refused).at("/errors/0/field").asText()).isEqualTo("Idempotency-Key");
      assertThat(node(refused).at("/errors/0/message").asText()).isNotBlank();
    }
    HttpHeaders twice = jsonHeaders();
    twice.add("Idempotency-Key", "one");
    twice.add("Idempotency-Key", "two");
    ResponseEntity<String> refused = as("exporter").exchange("/api/applications", HttpMethod.POST,
        new HttpEntity<>(application, twice), String.class);
    assertProblem(refused, 400, "Invalid request");
    assertThat(field(refused, "detail")).isEqualTo("The Idempotency-Key header must be given once");
    assertThat(applications()).isZero();
  }

  /** A refusal is the request's answer too: kept and repeated; a corrected request is a new one and needs a new key. */
  @Test
  void aRefusedRequestIsAnsweredTheSameWhenRepeated() {
    String key = UUID.randomUUID().toString();
    ResponseEntity<String> refused = post("exporter", "/api/applications", "{}", key);
    assertProblem(refused, 400, "Invalid request");
    ResponseEntity<String> again = post("exporter", "/api/applications", "{}", key);
    assertThat(again.getStatusCode().value()).isEqualTo(400);
    assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(again.getBody()).isEqualTo(refused.getBody());
    assertThat(post("exporter", "/api/applications", application, key).getStatusCode().value()).isEqualTo(422);
    assertThat(post("exporter", "/api/applications", application, UUID.randomUUID().toString()).getStatusCode().value())
        .isEqualTo(201);
  }

  @Test
  void aMisuseReportWithAKeyIsFiledOnce() {
    String license = new LicenseReviewDriver(processEngine, rest).license("DE");
    String report = """
        {"licenseNumber": "%s", "category": "OTHER", "source": "Press", "summary": "A story"}""".formatted(license);
    String key = UUID.randomUUID().toString();
    ResponseEntity<String> filed = post("compliance", "/api/misuse-reports", report, key);
    ResponseEntity<String> retry = post("compliance", "/api/misuse-reports", report, key);
    assertThat(filed.getStatusCode().value()).as(filed.getBody()).isEqualTo(201);
    assertThat(retry.getStatusCode().value()).isEqualTo(201);
    assertThat(retry.getBody()).isEqualTo(filed.getBody());
    assertThat(retry.getHeaders().getLocation()).isEqualTo(filed.getHeaders().getLocation());
    assertThat(jdbc.sql("select count(*) from misuse_report where license_number = ?").param(license)
        .query(Long.class).single()).isEqualTo(1);
  }

  /** A refused caller claims nothing: the key is still free for the right user. */
  @Test
  void aCallerTheSecurityRefusesClaimsNoKey() {
    String key = UUID.randomUUID().toString();
    assertThat(post("tech", "/api/applications", application, key).getStatusCode().value()).isEqualTo(403);
    assertThat(jdbc.sql("select count(*) from idempotency_key where idempotency_key = ?").param(key)
        .query(Long.class).single()).isZero();
  }

  /** A 5xx or an exception has no result to repeat: the key is freed and the same request runs when sent again. */
  @Test
  void aFailedRequestFreesItsKey() throws Exception {
    IdempotencyFilter filter = new IdempotencyFilter(keys, json);
    SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("exporter", null, List.of()));
    String key = UUID.randomUUID().toString();

    MockHttpServletResponse failed = new MockHttpServletResponse();
    filter.doFilter(request(key), failed, (request, response) -> ((HttpServletResponse) response).setStatus(503));
    assertThat(failed.getStatus()).isEqualTo(503);
    assertThat(state(key)).as("released").isNull();

    assertThatThrownBy(() -> filter.doFilter(request(key), new MockHttpServletResponse(), (request, response) -> {
      throw new IllegalStateException("the database went away");
    })).as("passed on to the container, as without a key").hasMessage("the database went away");
    assertThat(state(key)).as("released").isNull();

    MockHttpServletResponse created = new MockHttpServletResponse();
    filter.doFilter(request(key), created, (request, response) -> {
      assertThat(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .as("the body, read once for the fingerprint, reaches the controller whole").isEqualTo(application);
      ((HttpServletResponse) response).setStatus(201);
      response.setContentType("application/json");
      ((HttpServletResponse) response).setHeader("Location", "http://localhost/api/applications/a-1");
      response.getOutputStream().write("{\"id\": \"a-1\"}".getBytes(StandardCharsets.UTF_8));
    });
    assertThat(created.getStatus()).isEqualTo(201);
    assertThat(created.getContentAsString()).isEqualTo("{\"id\": \"a-1\"}");
    assertThat(state(key)).isEqualTo("COMPLETED");

    MockHttpServletResponse replayed = new MockHttpServletResponse();
    filter.doFilter(request(key), replayed, (request, response) -> {
      throw new AssertionError("a replay runs nothing");
    });
    assertThat(replayed.getStatus()).isEqualTo(201);
    assertThat(replayed.getContentType()).isEqualTo("application/json");
    assertThat(replayed.getHeader("Location")).isEqualTo("http://localhost/api/applications/a-1");
    assertThat(replayed.getContentAsString()).isEqualTo("{\"id\": \"a-1\"}");
  }

  /** Read here for the fingerprint, the body is still cut off at 1 MiB: the size limit runs first. */
  @Test
  void aChunkedBodyOverTheLimitIs413AndClaimsNothing() throws Exception {
    String key = UUID.randomUUID().toString();
    InputStream huge = new SequenceInputStream(new ByteArrayInputStream("{\"x\": \"".getBytes(StandardCharsets.UTF_8)),
        new ByteArrayInputStream("x".repeat(1024 * 1024 + 10).getBytes(StandardCharsets.UTF_8)));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/applications"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("exporter:exporter".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> huge)) // no length: sent chunked
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json.readTree(response.body()).get("title").asText()).isEqualTo("Payload too large");
    assertThat(state(key)).isNull();
  }

  @Test
  void expiredKeysArePurgedAndLiveOnesKept() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String expired = UUID.randomUUID().toString();
    String live = UUID.randomUUID().toString();
    for (String key : List.of(expired, live)) {
      jdbc.sql("""
              insert into idempotency_key (user_id, idempotency_key, request_hash, state, response_status, created_at, expires_at)
              values ('exporter', ?, ?, 'COMPLETED', 201, ?, ?)""")
          .params(key, "0".repeat(64), now.minusDays(2), key.equals(expired) ? now.minusDays(1) : now.plusDays(1))
          .update();
    }
    assertThat(keys.purgeExpired()).isPositive();
    assertThat(state(expired)).isNull();
    assertThat(state(live)).isEqualTo("COMPLETED");
  }

  @Test
  void theOpenApiDocumentShowsTheHeaderOnEveryPost() throws Exception {
    JsonNode paths = json.readTree(as("admin").getForObject("/v3/api-docs", String.class)).get("paths");
    for (String path : List.of("/api/applications", "/api/misuse-reports", "/api/applications/{id}/withdraw",
        "/api/admin/redeploy")) {
      assertThat(paths.at("/" + path.replace("~", "~0").replace("/", "~1") + "/post/parameters").findValuesAsText("name"))
          .as(path).contains("Idempotency-Key");
    }
    assertThat(paths.at("/~1api~1applications/get/parameters").findValuesAsText("name")).doesNotContain("Idempotency-Key");
  }

  private ResponseEntity<String> post(String user, String path, String body, String key) {
    HttpHeaders headers = jsonHeaders();
    if (key != null) {
      headers.set("Idempotency-Key", key);
    }
    return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  private MockHttpServletRequest request(String key) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/applications");
    request.addHeader("Idempotency-Key", key);
    request.setContentType("application/json");
    request.setContent(application.getBytes(StandardCharsets.UTF_8));
    return request;
  }

  private long applications() {
    return jdbc.sql("select count(*) from application where product_name = ?").param(product).query(Long.class).single();
  }

  private String status(String id) {
    return jdbc.sql("select status from application where id = ?").param(id).query(String.class).single();
  }

  private String state(String key) {
    return jdbc.sql("select state from idempotency_key where idempotency_key = ?").param(key)
        .query(String.class).optional().orElse(null);
  }

  private void assertProblem(ResponseEntity<String> response, int status, String title) {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(node(response).get("status").asInt()).isEqualTo(status);
    assertThat(field(response, "title")).isEqualTo(title);
  }

  private String field(ResponseEntity<String> response, String name) {
    return node(response).get(name).asText();
  }

  private JsonNode node(ResponseEntity<String> response) {
    try {
      return json.readTree(response.getBody());
    } catch (IOException e) {
      throw new AssertionError("Not JSON: " + response.getBody(), e);
    }
  }

  private static String unquoted(String key) {
    return key.substring(1, key.length() - 1);
  }
}
