package org.exportcontrol.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.exportcontrol.support.InputLimits.Body;
import org.springframework.http.ResponseEntity;

/**
 * Sends {@link InputLimits} bodies to a running application and holds it to docs/api.md: a body
 * inside the limits is accepted and stored as sent, one outside them is a 400 naming exactly the
 * fields it breaks, and nothing is ever a 5xx. Used on H2 ({@code InputLimitsTest}) and PostgreSQL.
 */
public final class InputLimitsCheck {

  /** Fixed, so that a failure can be replayed; {@code -Dexportcontrol.test.limits.seed} tries another. */
  public static final long SEED = Long.getLong("exportcontrol.test.limits.seed", 20261206L);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUEST = "the-open-request";

  private final LicenseReviewDriver driver;
  private final long seed;

  public InputLimitsCheck(LicenseReviewDriver driver, long seed) {
    this.driver = driver;
    this.seed = seed;
  }

  public void applications(int count) throws Exception {
    for (Body body : mixed(InputLimits.sample(InputLimits.applications(LocalDate.now()), count, seed))) {
      ResponseEntity<Map<String, Object>> answer = driver.post("exporter", "/api/applications", body.json());
      if (expect(body, answer, 201)) {
        Map<String, Object> stored = driver.view("exporter", (String) answer.getBody().get("id"));
        JsonNode sent = JSON.readTree(body.json());
        JsonNode kept = JSON.valueToTree(stored);
        assertThat(kept.at("/product/name")).as(about(body)).isEqualTo(sent.at("/product/name"));
        assertThat(kept.at("/product/description").asText()).as(about(body)).isEqualTo(sent.at("/product/description").asText());
        assertThat(kept.at("/endUser/name")).as(about(body)).isEqualTo(sent.at("/endUser/name"));
        assertThat(kept.at("/declaredPurposes").size()).as(about(body)).isEqualTo(sent.at("/declaredPurposes").size());
        for (int i = 0; i < sent.at("/declaredPurposes").size(); i++) {
          assertThat(kept.at("/declaredPurposes/" + i + "/offence")).as(about(body))
              .isEqualTo(sent.at("/declaredPurposes/" + i + "/offence"));
        }
      }
    }
  }

  /** Answers to information requests; each accepted answer (without a certificate) brings the next request. */
  public void responses(int count) {
    String application = null;
    String request = null;
    for (Body body : mixed(InputLimits.sample(InputLimits.responses(REQUEST, LocalDate.now()), count, seed))) {
      if (application == null) {
        Map<String, Object> submitted = driver.submit("exporter",
            LicenseReviewDriver.application("DE").replaceAll(",\\s*\"endUseCertificate\": \\{[^}]*}", ""));
        application = (String) submitted.get("id");
        request = openRequest(submitted);
      }
      ResponseEntity<Map<String, Object>> answer = driver.post("exporter",
          "/api/applications/" + application + "/responses", body.json().replace(REQUEST, request));
      if (expect(body, answer, 200)) {
        request = openRequest(answer.getBody());
        if (request == null) {
          application = null;
        }
      }
    }
  }

  public void misuseReports(String licenseNumber, int count) {
    for (Body body : mixed(InputLimits.sample(InputLimits.misuseReports(licenseNumber, LocalDate.now()), count, seed))) {
      expect(body, driver.post("compliance", "/api/misuse-reports", body.json()), 201);
    }
  }

  /** On a license with no shutdown ordered a valid confirmation is a 409: checked after the body. */
  public void shutdownConfirmations(String licenseNumber, int count) {
    for (Body body : mixed(InputLimits.sample(InputLimits.shutdownConfirmations(Instant.now()), count, seed))) {
      expect(body, driver.post("exporter", "/api/licenses/" + licenseNumber + "/shutdown-confirmation", body.json()), 409);
    }
  }

  /** Surrenders of a license that can no longer be surrendered: a valid body meets the state (409), an invalid one is named. */
  public void surrenders(String licenseNumber, int count) {
    for (Body body : mixed(InputLimits.sample(InputLimits.surrenders(), count, seed))) {
      expect(body, driver.post("exporter", "/api/licenses/" + licenseNumber + "/surrender", body.json()), 409);
    }
  }

  /** Whether the body was accepted as it should have been; a refusal must name exactly the broken fields. */
  private boolean expect(Body body, ResponseEntity<Map<String, Object>> answer, int accepted) {
    int status = answer.getStatusCode().value();
    assertThat(status).as("no 5xx: " + about(body) + " answered " + answer.getBody()).isLessThan(500);
    if (body.valid()) {
      assertThat(status).as(about(body) + " answered " + answer.getBody()).isEqualTo(accepted);
      return true;
    }
    assertThat(status).as(about(body) + " answered " + answer.getBody()).isEqualTo(400);
    Set<String> named = new TreeSet<>();
    for (Object error : (List<?>) answer.getBody().get("errors")) {
      named.add((String) ((Map<?, ?>) error).get("field"));
    }
    assertThat(named).as(about(body)).isEqualTo(body.badFields());
    return false;
  }

  /** A sample that only passed or only failed would prove little: both kinds must be there. */
  private static List<Body> mixed(List<Body> bodies) {
    assertThat(bodies).as("generated bodies inside the limits").anyMatch(Body::valid);
    assertThat(bodies).as("generated bodies outside the limits").anyMatch(body -> !body.valid());
    return bodies;
  }

  private String about(Body body) {
    return "seed " + seed + ", body " + body.shortly();
  }

  private static String openRequest(Map<String, Object> view) {
    List<?> open = (List<?>) view.get("openRequests");
    return open == null || open.isEmpty() ? null : (String) ((Map<?, ?>) open.get(0)).get("requestId");
  }
}
