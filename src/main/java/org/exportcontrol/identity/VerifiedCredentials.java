package org.exportcontrol.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic credentials against Camunda's identity service and remembers a success for a
 * short time. Clients send their password with every request; checking it each time cost a user
 * lookup, a password hash and queries for groups and tenants per request (docs/benchmarks.md, B1).
 * The {@link LoginThrottle} is asked first, before the cache too: a remembered success must not
 * answer a guess that the throttle holds back. Each check of a password takes an attempt of the
 * throttle; requests with the same credentials at the same moment share one check. Failures are
 * never remembered, and a failure forgets the user's remembered successes. A password change or a new group takes effect after at
 * most the time to live (ADR 0011), an administrator's lock ({@link UserLocks}) at once, on every node:
 * a remembered success is used only while {@link AccountStates} says the user is still admitted.
 * Entries are keyed by an HMAC of user and password under a key that lives only in this process.
 */
@Component
public class VerifiedCredentials {

  private static final int MAX_ENTRIES = 10_000;

  private static final Logger log = LoggerFactory.getLogger(VerifiedCredentials.class);

  private final IdentityService identityService;
  private final LoginThrottle throttle;
  private final AccountStates accounts;
  private final long ttlMillis;
  private final SecretKeySpec key;
  private final ConcurrentHashMap<String, Verified> remembered = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<Optional<Verified>>> checking = new ConcurrentHashMap<>();

  /** A user whose password was checked, with the groups and tenants the engine checks against. */
  public record Verified(String userId, List<String> groupIds, List<String> tenantIds, long expiresAt) {}

  public VerifiedCredentials(IdentityService identityService, CredentialProperties properties, LoginThrottle throttle,
      AccountStates accounts) {
    this.identityService = identityService;
    this.throttle = throttle;
    this.accounts = accounts;
    this.ttlMillis = properties.credentialCacheTtl().toMillis();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /**
   * The verified user, or empty when the user is unknown, locked or the password is wrong. A failure
   * is logged with the user id and the client's address (never the password).
   *
   * @throws LoginThrottledException when too many attempts failed before this one; its password is
   *     not looked at
   */
  public Optional<Verified> verify(String userId, String password, String clientAddress) {
    if (userId == null || userId.isEmpty() || password == null) {
      logFailure(userId, clientAddress);
      return Optional.empty();
    }
    Optional<Duration> wait = throttle.currentWait(userId, clientAddress);
    if (wait.isPresent()) {
      throw refusal(userId, clientAddress, wait.get());
    }
    String entry = entryKey(userId, password);
    Verified known = remembered.get(entry);
    if (known != null && now() < known.expiresAt()) {
      if (accounts.admitted(userId)) {
        return Optional.of(known);
      }
      // locked or removed since, perhaps on another node: checked again, and refused, like any locked user
      forget(userId);
    }
    return once(entry, () -> check(userId, password, clientAddress, entry));
  }

  /** Forgets the user's remembered successes: the next request is checked against the identity service. */
  public void forget(String userId) {
    remembered.values().removeIf(verified -> verified.userId().equals(userId));
  }

  /**
   * Requests with the same credentials at the same moment share one check, and so one attempt of the
   * throttle: a client's parallel calls would otherwise each take a token, and more of them in flight
   * than the free failures would be refused although every password is right.
   */
  private Optional<Verified> once(String entry, Supplier<Optional<Verified>> check) {
    CompletableFuture<Optional<Verified>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<Verified>> running = checking.putIfAbsent(entry, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }
    try {
      Optional<Verified> verified = check.get();
      mine.complete(verified);
      return verified;
    } catch (Throwable e) {
      // also an Error: the requests waiting for this check must not wait for ever
      mine.completeExceptionally(e);
      throw e;
    } finally {
      checking.remove(entry, mine);
    }
  }

  private Optional<Verified> check(String userId, String password, String clientAddress, String entry) {
    LoginThrottle.Attempt attempt = throttle.attempt(userId, clientAddress);
    if (attempt.refused()) {
      throw refusal(userId, clientAddress, attempt.retryAfter());
    }
    boolean right;
    try {
      right = identityService.checkPassword(userId, password);
    } catch (RuntimeException e) {
      attempt.undecided();
      throw e;
    }
    if (!right) {
      forget(userId);
      logFailure(userId, clientAddress);
      return Optional.empty();
    }
    attempt.succeeded();
    long now = now();
    Verified verified = new Verified(userId,
        identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList(),
        identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
            .map(Tenant::getId).toList(),
        now + ttlMillis);
    if (ttlMillis > 0) {
      if (remembered.size() >= MAX_ENTRIES) {
        remembered.values().removeIf(old -> now >= old.expiresAt());
        if (remembered.size() >= MAX_ENTRIES) {
          remembered.clear();
        }
      }
      remembered.put(entry, verified);
    }
    return Optional.of(verified);
  }

  private static LoginThrottledException refusal(String userId, String clientAddress, Duration wait) {
    log.warn("Login for user '{}' from {} refused for {} s: too many failed attempts", printable(userId),
        clientAddress, wait.toSeconds());
    return new LoginThrottledException(wait);
  }

  private static void logFailure(String userId, String clientAddress) {
    log.warn("Failed login for user '{}' from {}", printable(userId), clientAddress);
  }

  private static String printable(String userId) {
    return userId == null ? "" : userId.replaceAll("[\\r\\n]", "_");
  }

  /** The engine's clock, like the login throttle: a test moves time instead of waiting. */
  private static long now() {
    return ClockUtil.getCurrentTime().getTime();
  }

  private String entryKey(String userId, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(userId.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
