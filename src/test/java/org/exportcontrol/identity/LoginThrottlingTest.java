package org.exportcontrol.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.DecisionLogEntry;
import org.exportcontrol.support.FromAddress;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Failed logins slow guessing down and the slowdown ends by itself; nobody can lock a user out with
 * wrong passwords, and one mistyped password does not make the right one fail (issue 15, item 8;
 * ADR 0021). Each test comes from its own loopback address, so that its failures slow down no other
 * test, and the engine's clock stands still unless the test moves it: a slow machine must not let
 * a wait run out under a test.
 */
class LoginThrottlingTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired DecisionLog decisionLog;
  @Autowired IdentityService identityService;

  Instant now;

  @BeforeEach
  void stopTheClock() {
    now = Instant.now();
    ClockUtil.setCurrentTime(Date.from(now));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void tenAndMoreWrongPasswordsLockNobodyForGood() {
    TestUsers.ensure(processEngine, "throttle-a", Groups.LEGAL_REVIEWERS);
    FromAddress client = new FromAddress("127.0.0.11", port);
    for (int failure = 1; failure <= 12; failure++) {
      FromAddress.Response response = client.get("/api/applications", "throttle-a", "wrong-" + failure);
      if (response.status() == 429) {
        later(retryAfter(response));
        response = client.get("/api/applications", "throttle-a", "wrong-" + failure);
      }
      assertThat(response.status()).as("failure %d", failure).isEqualTo(401);
    }
    FromAddress.Response waitFirst = client.get("/api/applications", "throttle-a", "throttle-a");
    assertThat(waitFirst.status()).isEqualTo(429);
    assertThat(retryAfter(waitFirst)).isLessThanOrEqualTo(Duration.ofMinutes(15));

    later(retryAfter(waitFirst));
    assertThat(client.get("/api/applications", "throttle-a", "throttle-a").status()).as("ended by itself").isEqualTo(200);
    assertThat(decisionLog.entries("user:throttle-a")).extracting(DecisionLogEntry::action)
        .doesNotContain(DecisionAction.USER_LOCKED);
  }

  @Test
  void oneWrongPasswordThenTheRightOneAtOnceSucceedsOnBothApis() {
    TestUsers.ensure(processEngine, "throttle-b", Groups.LEGAL_REVIEWERS);
    FromAddress client = new FromAddress("127.0.0.12", port);
    assertThat(client.get("/api/applications", "throttle-b", "mistyped").status()).isEqualTo(401);
    assertThat(client.get("/api/applications", "throttle-b", "throttle-b").status()).isEqualTo(200);
    assertThat(client.get("/engine-rest/task?maxResults=1", "throttle-b", "mistyped").status()).isEqualTo(401);
    assertThat(client.get("/engine-rest/task?maxResults=1", "throttle-b", "throttle-b").status()).isEqualTo(200);
  }

  @Test
  void tooManyFailuresAreAnswered429WithRetryAfterAsProblemJson() {
    TestUsers.ensure(processEngine, "throttle-c", Groups.LEGAL_REVIEWERS);
    FromAddress client = new FromAddress("127.0.0.13", port);
    for (int failure = 1; failure <= 5; failure++) {
      assertThat(client.get("/api/applications", "throttle-c", "wrong-" + failure).status()).isEqualTo(401);
    }
    for (String path : new String[] {"/api/applications", "/engine-rest/task?maxResults=1"}) {
      FromAddress.Response refused = client.get(path, "throttle-c", "throttle-c");
      assertThat(refused.status()).as(path).isEqualTo(429);
      assertThat(refused.header("Retry-After")).as(path).isEqualTo("1");
      assertThat(refused.header("Content-Type")).as(path).startsWith("application/problem+json");
      assertThat(refused.header("WWW-Authenticate")).as("asking for a password again cannot help").isNull();
      assertThat(refused.body()).as(path).contains("\"status\":429", "\"title\":\"Too Many Requests\"", "Retry-After")
          .doesNotContain("Exception", "\tat ");
    }
  }

  @Test
  void anotherAddressIsNotSlowedDownByOneAddresssFailures() {
    TestUsers.ensure(processEngine, "throttle-d", Groups.LEGAL_REVIEWERS);
    FromAddress guesser = new FromAddress("127.0.0.14", port);
    FromAddress user = new FromAddress("127.0.0.15", port);
    for (int failure = 1; failure <= 5; failure++) {
      assertThat(guesser.get("/api/applications", "throttle-d", "guess-" + failure).status()).isEqualTo(401);
    }
    assertThat(guesser.get("/api/applications", "throttle-d", "guess-6").status()).isEqualTo(429);
    assertThat(user.get("/api/applications", "throttle-d", "mistyped").status()).as("a failure, not held back")
        .isEqualTo(401);
    assertThat(user.get("/api/applications", "throttle-d", "throttle-d").status()).isEqualTo(200);
  }

  @Test
  void anAddressTryingManyUsersIsSlowedDownWhoeverItTriesNext() {
    TestUsers.ensure(processEngine, "throttle-e", Groups.LEGAL_REVIEWERS);
    FromAddress sprayer = new FromAddress("127.0.0.16", port);
    for (int user = 1; user <= 20; user++) {
      assertThat(sprayer.get("/api/applications", "someone-" + user, "Password1").status()).isEqualTo(401);
    }
    assertThat(sprayer.get("/api/applications", "throttle-e", "Password1").status()).isEqualTo(429);
    assertThat(new FromAddress("127.0.0.17", port).get("/api/applications", "throttle-e", "throttle-e").status())
        .isEqualTo(200);
  }

  @Test
  void theWebappsLoginFormIsThrottledLikeTheApis() {
    TestUsers.ensure(processEngine, "throttle-w", Groups.LEGAL_REVIEWERS);
    FromAddress browser = new FromAddress("127.0.0.19", port);
    assertThat(login(browser, "throttle-w", "mistyped").status()).isEqualTo(401);
    assertThat(login(browser, "throttle-w", "throttle-w").status()).as("one typo costs nothing").isEqualTo(200);

    for (int failure = 1; failure <= 5; failure++) {
      assertThat(login(browser, "throttle-w", "wrong-" + failure).status()).isEqualTo(401);
    }
    FromAddress.Response refused = login(browser, "throttle-w", "throttle-w");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(login(new FromAddress("127.0.0.20", port), "throttle-w", "throttle-w").status()).as("another address")
        .isEqualTo(200);

    later(retryAfter(refused));
    assertThat(login(browser, "throttle-w", "throttle-w").status()).isEqualTo(200);
  }

  /** As the login page does it: a fresh session and CSRF token, then the form. */
  private static FromAddress.Response login(FromAddress browser, String user, String password) {
    FromAddress.Response page = browser.get("/camunda/app/tasklist/default/", Map.of());
    String sessionId = page.header("Set-Cookie").replaceAll("(?s).*JSESSIONID=([^;]+).*", "$1");
    String token = page.header("X-XSRF-TOKEN");
    return browser.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
        "username=" + user + "&password=" + password,
        Map.of("Cookie", "JSESSIONID=" + sessionId + "; XSRF-TOKEN=" + token, "X-XSRF-TOKEN", token));
  }

  private void later(Duration by) {
    now = now.plus(by);
    ClockUtil.setCurrentTime(Date.from(now));
  }

  private static Duration retryAfter(FromAddress.Response response) {
    return Duration.ofSeconds(Long.parseLong(response.header("Retry-After")));
  }
}
