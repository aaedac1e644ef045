package org.exportcontrol.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.DecisionLogEntry;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Failed logins leave a trace: a WARN with the user and the address on both APIs, and a lock in the decision log. */
@ExtendWith(OutputCaptureExtension.class)
class LoginAuditTest extends IntegrationTest {

  @Autowired DecisionLog decisionLog;
  @Autowired IdentityService identityService;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

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
  void theAttemptThatLocksAUserIsOnTheRecord() {
    TestUsers.ensure(processEngine, "locked-out", Groups.LEGAL_REVIEWERS);
    try {
      for (int attempt = 1; attempt <= 10; attempt++) {
        // step past the growing delay that follows each failed attempt
        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + attempt * 120_000L));
        assertThat(rest.withBasicAuth("locked-out", "wrong-" + attempt).getForEntity("/api/applications", String.class)
            .getStatusCode().value()).isEqualTo(401);
      }
      List<DecisionLogEntry> locks = decisionLog.entries("user:locked-out");
      assertThat(locks).extracting(DecisionLogEntry::action).containsExactly(DecisionAction.USER_LOCKED);
      assertThat(locks.get(0).detail("clientAddress")).isEqualTo("127.0.0.1");
    } finally {
      ClockUtil.reset();
      identityService.setAuthentication("admin", List.of(Groups.ADMIN));
      try {
        identityService.unlockUser("locked-out");
      } finally {
        identityService.clearAuthentication();
      }
    }
  }
}
