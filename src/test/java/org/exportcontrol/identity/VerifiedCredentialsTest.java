package org.exportcontrol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

  final IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);
  final AccountStates accounts = mock(AccountStates.class);
  final Date start = new Date(1_800_000_000_000L);

  @BeforeEach
  void users() {
    ClockUtil.setCurrentTime(start);
    when(identity.checkPassword(anyString(), anyString())).thenReturn(false);
    when(identity.checkPassword("legal", "secret")).thenReturn(true);
    when(accounts.admitted(anyString())).thenReturn(true);
    Group group = mock(Group.class);
    when(group.getId()).thenReturn("legal-reviewers");
    when(identity.createGroupQuery().groupMember("legal").list()).thenReturn(List.of(group));
    when(identity.createTenantQuery().userMember("legal").includingGroupsOfUser(true).list()).thenReturn(List.of());
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aSuccessIsRememberedUntilItsTimeToLiveEnds() {
    VerifiedCredentials credentials = credentials("PT30S");
    assertThat(credentials.verify("legal", "secret", "192.0.2.1")).get()
        .satisfies(v -> assertThat(v.groupIds()).containsExactly("legal-reviewers"));
    ClockUtil.setCurrentTime(new Date(start.getTime() + 29_000));
    assertThat(credentials.verify("legal", "secret", "192.0.2.1")).isPresent();
    verify(identity, times(1)).checkPassword("legal", "secret");

    ClockUtil.setCurrentTime(new Date(start.getTime() + 30_000));
    assertThat(credentials.verify("legal", "secret", "192.0.2.1")).isPresent();
    verify(identity, times(2)).checkPassword("legal", "secret");
  }

  /** Issue 20: a lock made on another node counts at once; the remembered success is not used. */
  @Test
  void aRememberedSuccessIsUsedOnlyWhileTheDatabaseStillAdmitsTheUser() {
    VerifiedCredentials credentials = credentials("PT30S");
    assertThat(credentials.verify("legal", "secret", "192.0.2.1")).isPresent();
    when(accounts.admitted("legal")).thenReturn(false);
    when(identity.checkPassword("legal", "secret")).thenReturn(false);
    assertThat(credentials.verify("legal", "secret", "192.0.2.1")).isEmpty();
    verify(identity, times(2)).checkPassword("legal", "secret");
  }

  @Test
  void everyFailureReachesTheIdentityServiceAndForgetsTheUsersSuccesses() {
    VerifiedCredentials credentials = credentials("PT30S");
    assertThat(credentials.verify("legal", "secret", "192.0.2.1")).isPresent();
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThat(credentials.verify("legal", "wrong", "192.0.2.1")).isEmpty();
    }
    // each failure reaches the identity service
    verify(identity, times(3)).checkPassword("legal", "wrong");
    // and the remembered success is gone: the next request is checked again (a changed password would show)
    when(identity.checkPassword("legal", "secret")).thenReturn(false);
    assertThat(credentials.verify("legal", "secret", "192.0.2.1")).isEmpty();
  }

  @Test
  void withoutTimeToLiveEveryRequestIsChecked() {
    VerifiedCredentials credentials = credentials("PT0S");
    credentials.verify("legal", "secret", "192.0.2.1");
    credentials.verify("legal", "secret", "192.0.2.1");
    verify(identity, times(2)).checkPassword("legal", "secret");
  }

  @Test
  void missingPartsAreRefusedWithoutAsking() {
    VerifiedCredentials credentials = credentials("PT30S");
    assertThat(credentials.verify(null, "secret", "192.0.2.1")).isEmpty();
    assertThat(credentials.verify("", "secret", "192.0.2.1")).isEmpty();
    assertThat(credentials.verify("legal", null, "192.0.2.1")).isEmpty();
    verify(identity, times(0)).checkPassword(anyString(), anyString());
  }

  @Test
  void aThrottledAttemptReachesNeitherTheIdentityServiceNorTheRememberedSuccesses() {
    VerifiedCredentials credentials = credentials("PT30S");
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThat(credentials.verify("legal", "wrong", "192.0.2.66")).isEmpty();
    }
    // the user logs in from elsewhere, and that success is remembered
    assertThat(credentials.verify("legal", "secret", "192.0.2.1")).isPresent();
    // the guesser's right guess is refused all the same, and nothing is asked
    assertThatThrownBy(() -> credentials.verify("legal", "secret", "192.0.2.66"))
        .isInstanceOfSatisfying(LoginThrottledException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    verify(identity, times(5)).checkPassword("legal", "wrong");
    verify(identity, times(1)).checkPassword("legal", "secret");
  }

  @Test
  void oneWrongPasswordThenTheRightOneSucceeds() {
    VerifiedCredentials credentials = credentials("PT0S");
    assertThat(credentials.verify("legal", "wrong", "192.0.2.1")).isEmpty();
    assertThat(credentials.verify("legal", "secret", "192.0.2.1")).isPresent();
  }

  @Test
  void aClientsParallelCallsShareOneCheckAndAreNotThrottled() throws Exception {
    VerifiedCredentials credentials = credentials("PT0S");
    CountDownLatch checking = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    when(identity.checkPassword("legal", "secret")).thenAnswer(call -> {
      checking.countDown();
      release.await();
      return true;
    });
    ExecutorService client = Executors.newFixedThreadPool(10);
    try {
      List<Future<Optional<VerifiedCredentials.Verified>>> calls = new ArrayList<>();
      for (int call = 0; call < 10; call++) {
        calls.add(client.submit(() -> credentials.verify("legal", "secret", "192.0.2.1")));
      }
      assertThat(checking.await(5, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200); // the other nine arrive while the first is being checked
      release.countDown();
      for (Future<Optional<VerifiedCredentials.Verified>> call : calls) {
        assertThat(call.get(5, TimeUnit.SECONDS)).isPresent();
      }
    } finally {
      client.shutdownNow();
    }
  }

  @Test
  void anAttemptTheIdentityServiceCouldNotAnswerCostsNothing() {
    VerifiedCredentials credentials = credentials("PT30S");
    when(identity.checkPassword("legal", "secret")).thenThrow(new IllegalStateException("database down"));
    for (int attempt = 0; attempt < 10; attempt++) {
      assertThatThrownBy(() -> credentials.verify("legal", "secret", "192.0.2.1"))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  private VerifiedCredentials credentials(String ttl) {
    CredentialProperties properties = new CredentialProperties(Duration.parse(ttl),
        new CredentialProperties.Throttle(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15)));
    // the throttle's clock stands still: its 1-second wait must not run out under a slow test
    return new VerifiedCredentials(identity, properties,
        new LoginThrottle(properties, Clock.fixed(start.toInstant(), ZoneOffset.UTC)), accounts);
  }
}
