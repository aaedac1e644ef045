package org.exportcontrol.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The table {@code idempotency_key}: one row per user and key. A request claims its key by inserting
 * the row IN_FLIGHT in a transaction of its own, committed before the request runs, so that a
 * second node or thread with the same key finds it; the answer is stored COMPLETED afterwards, again
 * in its own transaction. Rows past {@code expires_at} count as absent and are purged.
 */
@Component
class IdempotencyKeys {

  /** How often one node deletes expired rows: at a claim, at most this often. */
  static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

  private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

  /** What a claim found. */
  enum Outcome {
    /** The key is new (or expired): the request runs. */
    CLAIMED,
    /** The same request was answered before: {@link Claim#response} is that answer. */
    REPLAY,
    /** The same request is running now. */
    IN_FLIGHT,
    /** The key was used for another request (body, path or method). */
    OTHER_REQUEST
  }

  record Claim(Outcome outcome, StoredResponse response) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final Duration retention;
  private final AtomicLong nextPurge = new AtomicLong(System.nanoTime());

  IdempotencyKeys(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
      IdempotencyProperties properties) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.retention = properties.retention();
  }

  Claim claim(String user, IdempotencyKey key, RequestFingerprint request) {
    purgeNowAndThen();
    // a row can vanish between the failed insert and the read (its request failed, or it expired):
    // then the key is free again and the insert is tried once more
    for (int attempt = 1; attempt <= 3; attempt++) {
      OffsetDateTime now = now();
      try {
        ownTransaction.executeWithoutResult(tx -> insert(user, key, request, now));
        return new Claim(Outcome.CLAIMED, null);
      } catch (DuplicateKeyException taken) {
        Optional<Claim> existing = existing(user, key, request, now);
        if (existing.isPresent()) {
          return existing.get();
        }
      }
    }
    return new Claim(Outcome.IN_FLIGHT, null);
  }

  /** Keeps the answer for retries. A failure here leaves the key in flight until it expires: no retry runs twice. */
  void complete(String user, IdempotencyKey key, StoredResponse response) {
    try {
      ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
              update idempotency_key set state = 'COMPLETED', response_status = ?, content_type = ?,
                location = ?, response_body = ?
              where user_id = ? and idempotency_key = ?""")
          .params(response.status(), response.contentType(), response.location(), response.body(), user, key.value())
          .update());
    } catch (DataAccessException e) {
      log.error("The answer to Idempotency-Key '{}' of {} could not be stored; the key stays in flight until it expires",
          key.value(), user, e);
    }
  }

  /** Frees the key of a request that has no answer to repeat (it failed): the client may send it again. */
  void release(String user, IdempotencyKey key) {
    try {
      ownTransaction.executeWithoutResult(tx -> jdbc.sql(
              "delete from idempotency_key where user_id = ? and idempotency_key = ? and state = 'IN_FLIGHT'")
          .params(user, key.value()).update());
    } catch (DataAccessException e) {
      log.error("Idempotency-Key '{}' of {} could not be released; it stays in flight until it expires",
          key.value(), user, e);
    }
  }

  /** Deletes every expired row; returns how many. */
  int purgeExpired() {
    return ownTransaction.execute(tx -> jdbc.sql("delete from idempotency_key where expires_at <= ?")
        .param(now()).update());
  }

  private void insert(String user, IdempotencyKey key, RequestFingerprint request, OffsetDateTime now) {
    // an expired row of this key is no claim any more
    jdbc.sql("delete from idempotency_key where user_id = ? and idempotency_key = ? and expires_at <= ?")
        .params(user, key.value(), now).update();
    jdbc.sql("""
            insert into idempotency_key (user_id, idempotency_key, request_hash, state, created_at, expires_at)
            values (?, ?, ?, 'IN_FLIGHT', ?, ?)""")
        .params(user, key.value(), request.sha256(), now, now.plus(retention))
        .update();
  }

  private Optional<Claim> existing(String user, IdempotencyKey key, RequestFingerprint request, OffsetDateTime now) {
    return jdbc.sql("""
            select request_hash, state, response_status, content_type, location, response_body
            from idempotency_key where user_id = ? and idempotency_key = ? and expires_at > ?""")
        .params(user, key.value(), now)
        .query((row, n) -> {
          if (!request.sha256().equals(row.getString("request_hash"))) {
            return new Claim(Outcome.OTHER_REQUEST, null);
          }
          if ("IN_FLIGHT".equals(row.getString("state"))) {
            return new Claim(Outcome.IN_FLIGHT, null);
          }
          return new Claim(Outcome.REPLAY, new StoredResponse(row.getInt("response_status"),
              row.getString("content_type"), row.getString("location"), row.getBytes("response_body")));
        })
        .optional();
  }

  /**
   * Expired rows are already ignored; this only keeps the table small. Every node does it on its own
   * schedule: deleting what is expired is the same work whoever does it, and a failure waits for the next turn.
   */
  private void purgeNowAndThen() {
    long due = nextPurge.get();
    if (System.nanoTime() - due < 0 || !nextPurge.compareAndSet(due, System.nanoTime() + PURGE_INTERVAL.toNanos())) {
      return;
    }
    try {
      int purged = purgeExpired();
      if (purged > 0) {
        log.info("Purged {} expired idempotency key(s)", purged);
      }
    } catch (DataAccessException e) {
      log.warn("Expired idempotency keys not purged this time: {}", e.getMessage());
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
