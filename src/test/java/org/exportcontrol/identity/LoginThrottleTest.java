package org.exportcontrol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The throttle's rules, on a clock the test moves (defaults: 5 free failures, 20 per address, 1 s doubling to 15 min). */
class LoginThrottleTest {

  final MovableClock clock = new MovableClock();
  final LoginThrottle throttle = throttle(new CredentialProperties.Throttle(5, 20, Duration.ofSeconds(1),
      Duration.ofMinutes(15)));

  @Test
  void oneWrongPasswordDoesNotDelayTheRightOne() {
    fail("legal", "192.0.2.1");
    LoginThrottle.Attempt next = throttle.attempt("legal", "192.0.2.1");
    assertThat(next.refused()).isFalse();
    next.succeeded();
  }

  @Test
  void theFreeFailuresCostNothingThenEachFailureDoublesTheWaitUpToTheCap() {
    for (int failure = 1; failure <= 5; failure++) {
      fail("legal", "192.0.2.1");
    }
    List<Long> waits = new ArrayList<>();
    for (int failure = 6; failure <= 19; failure++) {
      LoginThrottle.Attempt refused = throttle.attempt("legal", "192.0.2.1");
      assertThat(refused.refused()).as("failure %d must wait", failure).isTrue();
      waits.add(refused.retryAfter().toSeconds());
      clock.move(refused.retryAfter());
      fail("legal", "192.0.2.1");
    }
    assertThat(waits.subList(0, 11)).containsExactly(1L, 1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L);
    // the last limit refilled a little during the waits before; from then on, the cap
    assertThat(waits.subList(11, 14)).allSatisfy(wait -> assertThat(wait).isBetween(512L, 900L)).endsWith(900L, 900L);
  }

  @Test
  void theWaitEndsByItselfAndTheRightPasswordIsThenAdmitted() {
    int failures = 0;
    while (failures < 30) {
      LoginThrottle.Attempt attempt = throttle.attempt("legal", "192.0.2.1");
      if (attempt.refused()) {
        assertThat(attempt.retryAfter()).isLessThanOrEqualTo(Duration.ofMinutes(15));
        clock.move(attempt.retryAfter());
      } else {
        failures++;
      }
    }
    LoginThrottle.Attempt now = throttle.attempt("legal", "192.0.2.1");
    assertThat(now.refused()).isTrue();
    clock.move(now.retryAfter());
    LoginThrottle.Attempt right = throttle.attempt("legal", "192.0.2.1");
    assertThat(right.refused()).as("nobody had to unlock anything").isFalse();
    right.succeeded();
  }

  @Test
  void anotherAddressIsNotSlowedDownByOneAddresssFailuresForTheUser() {
    for (int failure = 1; failure <= 5; failure++) {
      fail("legal", "192.0.2.1");
    }
    assertThat(throttle.attempt("legal", "192.0.2.1").refused()).isTrue();
    LoginThrottle.Attempt elsewhere = throttle.attempt("legal", "198.51.100.7");
    assertThat(elsewhere.refused()).isFalse();
    elsewhere.succeeded();
    assertThat(throttle.attempt("legal", "192.0.2.1").refused()).as("a success elsewhere frees no guesser").isTrue();
  }

  @Test
  void anAddressTryingManyUsersIsSlowedDownForEveryUser() {
    for (int user = 1; user <= 20; user++) {
      fail("user" + user, "192.0.2.1");
    }
    LoginThrottle.Attempt twentyFirst = throttle.attempt("user21", "192.0.2.1");
    assertThat(twentyFirst.refused()).isTrue();
    assertThat(twentyFirst.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(throttle.attempt("user21", "198.51.100.7").refused()).as("other addresses go on").isFalse();
  }

  @Test
  void aRefusedAttemptCostsTheAddressNothing() {
    for (int failure = 1; failure <= 5; failure++) {
      fail("legal", "192.0.2.1");
    }
    for (int attempt = 1; attempt <= 50; attempt++) {
      assertThat(throttle.attempt("legal", "192.0.2.1").refused()).isTrue();
    }
    for (int failure = 6; failure <= 20; failure++) {
      fail("user" + failure, "192.0.2.1");
    }
    assertThat(throttle.attempt("user21", "192.0.2.1").refused()).isTrue();
  }

  @Test
  void aSuccessForgetsTheUsersStreak() {
    for (int failure = 1; failure <= 4; failure++) {
      fail("legal", "192.0.2.1");
    }
    throttle.attempt("legal", "192.0.2.1").succeeded();
    for (int failure = 1; failure <= 5; failure++) {
      fail("legal", "192.0.2.1");
    }
  }

  @Test
  void typosFollowedByTheRightPasswordNeverSlowAnAddressDown() {
    // an office behind one address: 200 people each mistype once and then log in, within a minute
    for (int person = 1; person <= 200; person++) {
      fail("person" + person, "192.0.2.1");
      LoginThrottle.Attempt right = throttle.attempt("person" + person, "192.0.2.1");
      assertThat(right.refused()).as("person %d", person).isFalse();
      right.succeeded();
    }
  }

  @Test
  void theCurrentWaitIsToldWithoutTakingAnything() {
    assertThat(throttle.currentWait("legal", "192.0.2.1")).isEmpty();
    for (int failure = 1; failure <= 4; failure++) {
      fail("legal", "192.0.2.1");
    }
    for (int look = 1; look <= 10; look++) {
      assertThat(throttle.currentWait("legal", "192.0.2.1")).isEmpty();
    }
    fail("legal", "192.0.2.1");
    assertThat(throttle.currentWait("legal", "192.0.2.1")).contains(Duration.ofSeconds(1));
    assertThat(throttle.currentWait("legal", "192.0.2.2")).isEmpty();
  }

  @Test
  void anAttemptWhosePasswordWasNeverCheckedCostsNothing() {
    for (int attempt = 1; attempt <= 10; attempt++) {
      LoginThrottle.Attempt undecided = throttle.attempt("legal", "192.0.2.1");
      assertThat(undecided.refused()).isFalse();
      undecided.undecided();
    }
  }

  @Test
  void forgettingAUserEndsItsWaitsFromEveryAddress() {
    for (String address : List.of("192.0.2.1", "192.0.2.2")) {
      for (int failure = 1; failure <= 5; failure++) {
        fail("legal", address);
      }
      assertThat(throttle.attempt("legal", address).refused()).isTrue();
    }
    throttle.forget("legal");
    assertThat(throttle.attempt("legal", "192.0.2.1").refused()).isFalse();
    assertThat(throttle.attempt("legal", "192.0.2.2").refused()).isFalse();
  }

  @Test
  void idsThatDifferInCaseOrCannotExistShareTheirWaits() {
    for (int failure = 1; failure <= 5; failure++) {
      fail(failure % 2 == 0 ? "LEGAL" : "legal", "192.0.2.1");
    }
    assertThat(throttle.attempt("Legal", "192.0.2.1").refused()).isTrue();
    for (int failure = 1; failure <= 5; failure++) {
      fail("x".repeat(LoginThrottle.MAX_USER_ID + failure), "192.0.2.9");
    }
    assertThat(throttle.attempt("y".repeat(1000), "192.0.2.9").refused()).isTrue();
  }

  @Test
  void settingsThatWouldLetOneMistakeDelayTheRightPasswordAreRefused() {
    assertThatThrownBy(() -> new CredentialProperties.Throttle(0, 20, Duration.ofSeconds(1), Duration.ofMinutes(15)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CredentialProperties.Throttle(5, 20, Duration.ofMinutes(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void fail(String user, String address) {
    assertThat(throttle.attempt(user, address).refused()).as("%s from %s", user, address).isFalse();
  }

  private LoginThrottle throttle(CredentialProperties.Throttle settings) {
    return new LoginThrottle(new CredentialProperties(Duration.ofSeconds(30), settings), clock);
  }

  static final class MovableClock extends Clock {

    private Instant now = Instant.parse("2027-01-04T09:00:00Z");

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
