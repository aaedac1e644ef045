package org.exportcontrol.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.DecisionLogEntry;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** An administrator locks a user out and lets the user in again, on the record (ADR 0021). */
class UserLockTest extends IntegrationTest {

  static final String USER = "lock-me";

  @Autowired IdentityService identityService;
  @Autowired DecisionLog decisionLog;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @BeforeEach
  void user() {
    TestUsers.ensure(processEngine, USER, Groups.LEGAL_REVIEWERS);
  }

  @AfterEach
  void unlock() {
    identityService.setAuthentication("admin", List.of(Groups.ADMIN));
    try {
      identityService.unlockUser(USER);
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Test
  void aLockedUsersRightPasswordIsRefusedAtOnceUntilAnAdministratorUnlocksIt() {
    // remembered by the credential cache: the lock must not wait for it to run out
    assertThat(status(as(USER).getForEntity("/api/applications", String.class))).isEqualTo(HttpStatus.OK);

    ResponseEntity<Map> locked = as("admin").postForEntity("/api/admin/users/" + USER + "/lock", null, Map.class);
    assertThat(status(locked)).isEqualTo(HttpStatus.OK);
    assertThat(locked.getBody()).containsEntry("userId", USER).containsEntry("locked", true);
    assertThat(status(as(USER).getForEntity("/api/applications", String.class))).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(status(as(USER).getForEntity("/engine-rest/task", String.class))).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(identityService.checkPassword(USER, USER)).as("the webapps' login too").isFalse();

    ResponseEntity<Map> unlocked = as("admin").postForEntity("/api/admin/users/" + USER + "/unlock", null, Map.class);
    assertThat(status(unlocked)).isEqualTo(HttpStatus.OK);
    assertThat(unlocked.getBody()).containsEntry("locked", false);
    assertThat(status(as(USER).getForEntity("/api/applications", String.class))).isEqualTo(HttpStatus.OK);

    List<DecisionLogEntry> record = decisionLog.entries("user:" + USER);
    assertThat(record).extracting(DecisionLogEntry::action).endsWith(DecisionAction.USER_LOCKED, DecisionAction.USER_UNLOCKED);
    assertThat(record.subList(record.size() - 2, record.size())).extracting(DecisionLogEntry::actor)
        .containsOnly("admin");
  }

  /**
   * Issue 20: another node's lock reaches this node's credential cache at once. The lock is written as
   * the other node's UserLocks writes it, straight into the shared table, without this node's forget.
   */
  @Test
  void aLockMadeOnAnotherNodeIsRefusedHereAtOnce() {
    assertThat(status(as(USER).getForEntity("/api/applications", String.class))).isEqualTo(HttpStatus.OK);
    int max = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) processEngine
        .getProcessEngineConfiguration()).getLoginMaxAttempts();
    jdbc.sql("update ACT_ID_USER set ATTEMPTS_ = ? where ID_ = ?").params(max, USER).update();
    assertThat(status(as(USER).getForEntity("/api/applications", String.class))).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void camundasOwnUnlockUndoesTheLock() {
    assertThat(status(as("admin").postForEntity("/api/admin/users/" + USER + "/lock", null, Map.class)))
        .isEqualTo(HttpStatus.OK);
    // what Camunda Admin's "Unlock" calls
    assertThat(status(as("admin").postForEntity("/engine-rest/user/" + USER + "/unlock", null, String.class)))
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(status(as(USER).getForEntity("/api/applications", String.class))).isEqualTo(HttpStatus.OK);
  }

  @Test
  void onlyAdministratorsLockAndUnlock() {
    assertThat(status(as("officer").postForEntity("/api/admin/users/" + USER + "/lock", null, String.class)))
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(status(as("officer").postForEntity("/api/admin/users/" + USER + "/unlock", null, String.class)))
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(identityService.checkPassword(USER, USER)).isTrue();
  }

  @Test
  void anUnknownUserIs404() {
    ResponseEntity<String> response = as("admin").postForEntity("/api/admin/users/nobody-here/lock", null, String.class);
    assertThat(status(response)).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(status(as("admin").postForEntity("/api/admin/users/nobody-here/unlock", null, String.class)))
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(decisionLog.entries("user:nobody-here")).isEmpty();
  }

  private static HttpStatus status(ResponseEntity<?> response) {
    return HttpStatus.valueOf(response.getStatusCode().value());
  }
}
