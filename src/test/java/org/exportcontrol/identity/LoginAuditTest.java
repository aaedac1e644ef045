package org.exportcontrol.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.support.FromAddress;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Failed and throttled logins leave one WARN line each, with the user and the address, on both APIs. */
@ExtendWith(OutputCaptureExtension.class)
class LoginAuditTest extends IntegrationTest {

  @Autowired DecisionLog decisionLog;
  @LocalServerPort int port;

  @Test
  void aWrongPasswordIsLoggedWithTheUserAndTheAddressButNotThePassword(CapturedOutput output) {
    String line = "Failed login for user 'legal' from 127.0.0.1";
    assertThat(rest.withBasicAuth("legal", "guess-one").getForEntity("/api/applications", String.class)
        .getStatusCode().value()).isEqualTo(401);
    // once per request: the password is checked once, not again by a second authentication manager
    assertThat(output.getOut().split(line, -1).length - 1).as("logged once for /api").isEqualTo(1);
    assertThat(rest.withBasicAuth("legal", "guess-two").getForEntity("/engine-rest/task", String.class)
        .getStatusCode().value()).isEqualTo(401);
    assertThat(output.getOut().split(line, -1).length - 1).as("logged once for /engine-rest").isEqualTo(2);
    assertThat(output.getOut()).doesNotContain("guess-one").doesNotContain("guess-two");
  }

  @Test
  void aThrottledAttemptIsOneWarnLineWithoutStackTrace(CapturedOutput output) {
    TestUsers.ensure(processEngine, "audit-throttled", Groups.LEGAL_REVIEWERS);
    FromAddress client = new FromAddress("127.0.0.18", port);
    // the engine's clock stands still: the 1-second wait must not run out on a slow machine
    ClockUtil.setCurrentTime(new Date());
    try {
      for (int failure = 1; failure <= 5; failure++) {
        client.get("/api/applications", "audit-throttled", "wrong-" + failure);
      }
      assertThat(client.get("/api/applications", "audit-throttled", "audit-throttled").status()).isEqualTo(429);
      assertThat(client.get("/engine-rest/task?maxResults=1", "audit-throttled", "audit-throttled").status())
          .isEqualTo(429);
    } finally {
      ClockUtil.reset();
    }
    String line = "WARN .* Login for user 'audit-throttled' from 127\\.0\\.0\\.18 refused for 1 s: too many failed attempts";
    assertThat(output.getOut().lines().filter(l -> l.matches(".*" + line + ".*"))).hasSize(2);
    assertThat(output.getOut()).doesNotContain(" ERROR ").doesNotContain("LoginThrottledException");
    // failures are no lock: nothing for the decision log
    assertThat(decisionLog.entries("user:audit-throttled")).isEmpty();
  }
}
