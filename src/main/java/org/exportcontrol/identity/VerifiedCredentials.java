package org.exportcontrol.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.DecisionLogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic credentials against Camunda's identity service and remembers a success for a
 * short time. Clients send their password with every request; checking it each time cost a user
 * lookup, a password hash and queries for groups and tenants per request (docs/benchmarks.md, B1).
 * Failures are never remembered, so the identity service still counts every failed attempt and
 * locks the user; a failure also forgets the user's remembered successes. A password change, a lock
 * by an administrator or a new group takes effect after at most the time to live (ADR 0011).
 * Entries are keyed by an HMAC of user and password under a key that lives only in this process.
 */
@Component
public class VerifiedCredentials {

  private static final int MAX_ENTRIES = 10_000;

  private static final Logger log = LoggerFactory.getLogger(VerifiedCredentials.class);

  private final IdentityService identityService;
  private final DecisionLog decisionLog;
  private final IntSupplier maxAttempts;
  private final long ttlMillis;
  private final SecretKeySpec key;
  private final ConcurrentHashMap<String, Verified> remembered = new ConcurrentHashMap<>();

  /** A user whose password was checked, with the groups and tenants the engine checks against. */
  public record Verified(String userId, List<String> groupIds, List<String> tenantIds, long expiresAt) {}

  public VerifiedCredentials(IdentityService identityService, CredentialProperties properties, DecisionLog decisionLog,
      ProcessEngineConfigurationImpl engineConfiguration) {
    this.identityService = identityService;
    this.decisionLog = decisionLog;
    this.maxAttempts = engineConfiguration::getLoginMaxAttempts;
    this.ttlMillis = properties.credentialCacheTtl().toMillis();
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /**
   * The verified user, or empty when the user is unknown, locked or the password is wrong. A failure
   * is logged with the user id and the client's address (never the password), and the attempt that
   * locks a user is a {@code USER_LOCKED} entry of the decision log.
   */
  public Optional<Verified> verify(String userId, String password, String clientAddress) {
    Optional<Verified> verified = verify(userId, password);
    if (verified.isEmpty()) {
      log.warn("Failed login for user '{}' from {}", userId == null ? "" : userId.replaceAll("[\\r\\n]", "_"),
          clientAddress);
      recordIfNowLocked(userId, clientAddress);
    }
    return verified;
  }

  /** Forgets the user's remembered successes: the next request is checked against the identity service. */
  public void forget(String userId) {
    remembered.values().removeIf(verified -> verified.userId().equals(userId));
  }

  private void recordIfNowLocked(String userId, String clientAddress) {
    if (userId == null || userId.isEmpty()) {
      return;
    }
    // recorded once per lock: a locked user's further attempts leave the count where it is
    if (identityService.createUserQuery().userId(userId).singleResult() instanceof UserEntity user
        && user.getAttempts() == maxAttempts.getAsInt() && !lastRecordedIsLock(userId)) {
      decisionLog.recordNow("user:" + userId, DecisionAction.USER_LOCKED,
          DecisionLog.details("attempts", user.getAttempts(), "clientAddress", clientAddress));
    }
  }

  private boolean lastRecordedIsLock(String userId) {
    List<DecisionLogEntry> entries = decisionLog.entries("user:" + userId);
    return !entries.isEmpty() && entries.get(entries.size() - 1).action() == DecisionAction.USER_LOCKED;
  }

  private Optional<Verified> verify(String userId, String password) {
    if (userId == null || userId.isEmpty() || password == null) {
      return Optional.empty();
    }
    String entry = entryKey(userId, password);
    // the engine's clock, so that expiry follows it like the engine's own lock-out does
    long now = ClockUtil.getCurrentTime().getTime();
    Verified known = remembered.get(entry);
    if (known != null && now < known.expiresAt()) {
      return Optional.of(known);
    }
    if (!identityService.checkPassword(userId, password)) {
      forget(userId);
      return Optional.empty();
    }
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
