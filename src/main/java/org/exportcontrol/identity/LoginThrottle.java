package org.exportcontrol.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without letting anyone lock a user out (ADR 0021). Every login
 * attempt takes one token from two Bucket4j buckets: one for the user from the client's address,
 * one for the address whatever the user. A failure keeps its token. A success forgets the user's
 * failures from that address and gives the address its token back and one failure's: a mistyped
 * password followed by the right one is a typo, and an office behind one address mistypes all day
 * (a guesser has no successes). An attempt finding a bucket empty is refused before the password is
 * looked at, with the time until the next token. Taking the token before the check also holds back
 * parallel guesses, which a check-then-count would all let through.
 *
 * <p>Each bucket holds the free failures and has one limit per doubling of the wait: limit k holds
 * {@code free + k} tokens and gets one back every {@code firstDelay * 2^k}, the last one every
 * {@code maxDelay}. A streak of failures empties them one after another, so the waits go 1 s, 1 s,
 * 2 s, 4 s ... up to {@code maxDelay}; no wait is ever longer, since a bucket never goes below
 * zero. Quiet time refills them: the throttle ends by itself and nobody has to unlock anything.
 *
 * <p>Another address is never slowed down by one address's failures for a user. A guess from many
 * addresses at one user is slowed only per address; that is the price of not handing every
 * stranger a lock-out.
 */
@Component
public class LoginThrottle {

  /** Camunda's user id column holds 64 characters: a longer id names no user. */
  static final int MAX_USER_ID = 64;
  private static final String NO_SUCH_USER = "\u0000";
  /** Bounded: an attacker inventing user ids pushes out his own idle pairs, not an address he keeps using. */
  private static final int MAX_BUCKETS = 50_000;

  private final List<Bandwidth> perUser;
  private final List<Bandwidth> perAddress;
  private final TimeMeter time;
  private final Cache<Key, Bucket> buckets;

  public LoginThrottle(CredentialProperties properties, Clock clock) {
    CredentialProperties.Throttle settings = properties.loginThrottle();
    this.perUser = limits(settings.freeFailures(), settings.firstDelay(), settings.maxDelay());
    this.perAddress = limits(settings.freeFailuresPerAddress(), settings.firstDelay(), settings.maxDelay());
    // the engine's clock, like the credential cache: a test moves time instead of waiting
    this.time = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
    // an idle bucket is full again after its largest limit refilled from empty: forgetting it changes nothing
    this.buckets = Caffeine.newBuilder().maximumSize(MAX_BUCKETS)
        .expireAfterAccess(settings.maxDelay().multipliedBy(perAddress.get(perAddress.size() - 1).getCapacity()))
        .build();
  }

  /**
   * Takes an attempt for this user from this address. Unless it is refused, tell it how the password
   * check ended: {@link Attempt#succeeded()}, or nothing for a failure (its token stays taken).
   */
  public Attempt attempt(String userId, String clientAddress) {
    Bucket pair = bucket(new Key(user(userId), clientAddress), perUser);
    ConsumptionProbe pairProbe = pair.tryConsumeAndReturnRemaining(1);
    if (!pairProbe.isConsumed()) {
      return Attempt.refused(wait(pairProbe));
    }
    Bucket address = bucket(new Key(null, clientAddress), perAddress);
    ConsumptionProbe addressProbe = address.tryConsumeAndReturnRemaining(1);
    if (!addressProbe.isConsumed()) {
      pair.addTokens(1);
      return Attempt.refused(wait(addressProbe));
    }
    return new Attempt(pair, address, null);
  }

  /**
   * The wait in force for this user from this address, taking nothing: for an answer that needs no
   * password check (a remembered success), which must still not be given while guesses are held back.
   */
  public Optional<Duration> currentWait(String userId, String clientAddress) {
    long nanos = 0;
    for (Key key : List.of(new Key(user(userId), clientAddress), new Key(null, clientAddress))) {
      Bucket bucket = buckets.getIfPresent(key);
      if (bucket != null) {
        nanos = Math.max(nanos, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
      }
    }
    return nanos == 0 ? Optional.empty() : Optional.of(seconds(nanos));
  }

  /** Forgets the user's failures from every address (an administrator unlocked the user). */
  public void forget(String userId) {
    String user = user(userId);
    buckets.asMap().keySet().removeIf(key -> user.equals(key.userId()));
  }

  /** One login attempt: refused with a wait, or admitted and waiting to hear how it ended. */
  public static final class Attempt {

    private final Bucket pair;
    private final Bucket address;
    private final Duration retryAfter;

    private Attempt(Bucket pair, Bucket address, Duration retryAfter) {
      this.pair = pair;
      this.address = address;
      this.retryAfter = retryAfter;
    }

    private static Attempt refused(Duration retryAfter) {
      return new Attempt(null, null, retryAfter);
    }

    public boolean refused() {
      return retryAfter != null;
    }

    /** How long until the next attempt is possible, in whole seconds (at least 1); null when admitted. */
    public Duration retryAfter() {
      return retryAfter;
    }

    /** The right password: the user's failures from this address are forgotten, the address forgives one. */
    public void succeeded() {
      if (!refused()) {
        pair.reset();
        address.addTokens(2);
      }
    }

    /** The password was never checked (the store failed, the request was refused for another reason). */
    public void undecided() {
      if (!refused()) {
        pair.addTokens(1);
        address.addTokens(1);
      }
    }
  }

  private Bucket bucket(Key key, List<Bandwidth> limits) {
    return buckets.get(key, k -> {
      LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
      limits.forEach(builder::addLimit);
      return builder.build();
    });
  }

  /** One limit per doubling of the wait, from {@code first} to {@code max}: see the class comment. */
  static List<Bandwidth> limits(int free, Duration first, Duration max) {
    List<Bandwidth> limits = new ArrayList<>();
    Duration delay = first;
    for (int k = 0; ; k++) {
      Duration refill = delay.compareTo(max) < 0 ? delay : max;
      limits.add(Bandwidth.builder().capacity(free + k).refillGreedy(1, refill).build());
      if (refill.equals(max)) {
        return List.copyOf(limits);
      }
      delay = delay.multipliedBy(2);
    }
  }

  private static Duration wait(ConsumptionProbe probe) {
    return seconds(probe.getNanosToWaitForRefill());
  }

  /** Whole seconds, rounded up, at least 1: what Retry-After can say. */
  private static Duration seconds(long nanos) {
    return Duration.ofSeconds(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
  }

  /**
   * Ids that differ in case share a key (a database that compares case-insensitively finds one user
   * for both), and all ids too long to exist share one: no key is kilobytes long.
   */
  private static String user(String userId) {
    return userId == null || userId.length() > MAX_USER_ID ? NO_SUCH_USER : userId.toLowerCase(Locale.ROOT);
  }

  /** The user from an address, or ({@code userId} null) the address whatever the user. */
  private record Key(String userId, String address) {}
}
