package org.exportcontrol.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The project's own, tamper-evident record of every state change and every human decision (table
 * {@code decision_log}, ADR 0016). Camunda's history can be deleted and is not chained; this log is
 * only ever appended to, and each entry carries the SHA-256 of its canonical form and of the entry
 * before it, so that {@link #verify()} finds an altered, removed or inserted entry.
 *
 * <p>An entry belongs to the transaction of the change it records: it is kept in memory until the
 * transaction is about to commit, and written then. Writing last keeps the one lock that orders the
 * chain (the head row) for the shortest time, and after every other lock of the transaction, so
 * that it can never be part of a deadlock.
 */
@Component
public class DecisionLog {

  public static final String SYSTEM = "system";
  static final String GENESIS = "0".repeat(64);

  private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);
  // sorted keys and ISO dates: the stored JSON is what the hash covers, so it must not depend on map order
  private static final ObjectMapper CANONICAL = new ObjectMapper().registerModule(new JavaTimeModule())
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ObjectProvider<IdentityService> identityService;
  private final TransactionTemplate ownTransaction;

  public DecisionLog(JdbcClient jdbc, Clock clock, ObjectProvider<IdentityService> identityService,
      PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.identityService = identityService;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Records what the current user (the engine's authenticated user) did; without one, the system did it. */
  public void record(String subject, DecisionAction action, Map<String, ?> details) {
    Authentication authentication = identityService.getObject().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      recordBySystem(subject, action, details);
    } else {
      recordAs(authentication.getUserId(), authentication.getGroupIds(), subject, action, details);
    }
  }

  /** Records what the system did on its own (a timer, the screening, a job). */
  public void recordBySystem(String subject, DecisionAction action, Map<String, ?> details) {
    recordAs(SYSTEM, List.of(), subject, action, details);
  }

  /** Records, in the current transaction, what {@code actor} did. */
  public void recordAs(String actor, List<String> actorGroups, String subject, DecisionAction action,
      Map<String, ?> details) {
    Draft draft = draft(actor, actorGroups, subject, action, details);
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      ownTransaction.executeWithoutResult(tx -> append(List.of(draft)));
      return;
    }
    pending().drafts.add(draft);
  }

  /**
   * Records that a step was refused because the record does not justify it, at once and in a
   * transaction of its own (the step's own transaction rolls back), and returns the exception that
   * refuses it: the job becomes an incident, a request is answered 403.
   */
  public IntegrityRefusal refusal(String subject, String reason, Map<String, ?> details) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("reason", reason);
    if (details != null) {
      all.putAll(details);
    }
    log.warn("Integrity refusal on {}: {}", subject, reason);
    recordNow(subject, DecisionAction.INTEGRITY_REFUSAL, all);
    return new IntegrityRefusal(subject + ": " + reason);
  }

  /** Details from alternating names and values; a null value is left out. */
  public static Map<String, Object> details(Object... namesAndValues) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      details.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return details;
  }

  /**
   * Records at once, in a transaction of its own: for what must stay on record although the
   * transaction that tried it rolls back (a refusal).
   */
  public void recordNow(String subject, DecisionAction action, Map<String, ?> details) {
    Authentication authentication = identityService.getObject().getCurrentAuthentication();
    String actor = authentication == null || authentication.getUserId() == null ? SYSTEM : authentication.getUserId();
    List<String> groups = authentication == null || authentication.getGroupIds() == null
        ? List.of() : authentication.getGroupIds();
    Draft draft = draft(actor, groups, subject, action, details);
    ownTransaction.executeWithoutResult(tx -> append(List.of(draft)));
  }

  /**
   * The entries of these subjects, oldest first, followed by those the current transaction has
   * recorded and not yet written (their {@code seq} is 0 and they have no hash yet): a step that
   * checks its grounds sees the decision made a moment before in the same transaction.
   */
  public List<DecisionLogEntry> entries(Collection<String> subjects) {
    List<String> wanted = subjects.stream().filter(s -> s != null && !s.isBlank()).distinct().toList();
    if (wanted.isEmpty()) {
      return List.of();
    }
    List<DecisionLogEntry> entries = new ArrayList<>(jdbc.sql(
            "select * from decision_log where subject in (:subjects) order by seq")
        .param("subjects", wanted).query(DecisionLog::entry).list());
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
        if (synchronization instanceof Pending pending && pending.owner == this) {
          pending.drafts.stream().filter(d -> wanted.contains(d.subject())).map(DecisionLog::unwritten)
              .forEach(entries::add);
        }
      }
    }
    return entries;
  }

  public List<DecisionLogEntry> entries(String subject) {
    return entries(List.of(subject));
  }

  public Head head() {
    return jdbc.sql("select seq, hash from decision_log_head where id = 1")
        .query((rs, row) -> new Head(rs.getLong("seq"), rs.getString("hash"))).single();
  }

  /**
   * Recomputes the whole chain: every entry's hash from its stored fields and the hash before it, the
   * numbering without gaps from 1, and the head. Reads entry by entry, not the whole log at once.
   */
  public Verification verify() {
    Walk walk = new Walk();
    jdbc.sql("select * from decision_log order by seq").query(rs -> {
      walk.next(stored(rs));
    });
    Head head = head();
    Long broken = walk.firstBroken;
    if (broken == null && (head.headSeq() != walk.lastSeq || !head.headHash().equals(walk.lastHash))) {
      // entries removed from the end (the head is ahead), or written past the head
      broken = Math.min(head.headSeq(), walk.lastSeq) + 1;
    }
    if (broken != null) {
      log.warn("The decision log is broken at entry {}", broken);
    }
    return new Verification(walk.count, broken == null, head.headSeq(), head.headHash(), broken);
  }

  /** The newest entry's number and hash: published outside the system, they reveal a log cut short later. */
  public record Head(long headSeq, String headHash) {}

  /** The answer of {@link #verify()}; {@code firstBrokenSeq} only when the chain is broken. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Verification(long entries, boolean valid, long headSeq, String headHash, Long firstBrokenSeq) {}

  /** An entry exactly as stored, for recomputing its hash. */
  private record Stored(long seq, OffsetDateTime at, String actor, String actorGroups, String subject, String action,
      String details, String prevHash, String hash) {}

  private static final class Walk {
    long count;
    long lastSeq;
    String lastHash = GENESIS;
    Long firstBroken;

    void next(Stored entry) {
      count++;
      if (firstBroken == null) {
        long expected = lastSeq + 1;
        if (entry.seq() != expected) {
          firstBroken = expected;
        } else if (!entry.prevHash().equals(lastHash) || !entry.hash().equals(hash(entry.seq(), entry.at(),
            entry.actor(), entry.actorGroups(), entry.subject(), entry.action(), entry.details(), lastHash))) {
          firstBroken = entry.seq();
        }
      }
      lastSeq = entry.seq();
      lastHash = entry.hash();
    }
  }

  // ------------------------------------------------------------------ writing

  private record Draft(OffsetDateTime at, String actor, String actorGroups, String subject, DecisionAction action,
      String details) {}

  private Draft draft(String actor, List<String> actorGroups, String subject, DecisionAction action,
      Map<String, ?> details) {
    String groups = actorGroups == null ? "" : actorGroups.stream().sorted().collect(Collectors.joining(","));
    OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    return new Draft(at, actor, groups, subject, action, canonical(details));
  }

  /** The drafts of the current transaction, written just before it commits. */
  private Pending pending() {
    for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
      if (synchronization instanceof Pending pending && pending.owner == this) {
        return pending;
      }
    }
    Pending pending = new Pending(this);
    TransactionSynchronizationManager.registerSynchronization(pending);
    return pending;
  }

  private static final class Pending implements TransactionSynchronization {
    final DecisionLog owner;
    final List<Draft> drafts = new ArrayList<>();

    Pending(DecisionLog owner) {
      this.owner = owner;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      if (!drafts.isEmpty()) {
        owner.append(drafts);
      }
    }

    @Override
    public int getOrder() {
      return LOWEST_PRECEDENCE;
    }
  }

  private void append(List<Draft> drafts) {
    // the row lock on the head orders every writer: numbers without gaps, each entry linked to the one before
    Head head = jdbc.sql("select seq, hash from decision_log_head where id = 1 for update")
        .query((rs, row) -> new Head(rs.getLong("seq"), rs.getString("hash"))).single();
    long seq = head.headSeq();
    String previous = head.headHash();
    for (Draft d : drafts) {
      seq++;
      String hash = hash(seq, d.at(), d.actor(), d.actorGroups(), d.subject(), d.action().name(), d.details(), previous);
      jdbc.sql("""
              insert into decision_log (seq, at, actor, actor_groups, subject, action, details, prev_hash, hash)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(seq, d.at(), d.actor(), d.actorGroups(), d.subject(), d.action().name(), d.details(), previous, hash)
          .update();
      previous = hash;
    }
    jdbc.sql("update decision_log_head set seq = ?, hash = ? where id = 1").params(seq, previous).update();
  }

  // ------------------------------------------------------------------ the canonical form

  /**
   * SHA-256 over each field as {@code <length>:<value>\n} (so no value can pass for another field),
   * the time as an ISO instant in UTC, the details as stored.
   */
  static String hash(long seq, OffsetDateTime at, String actor, String actorGroups, String subject, String action,
      String details, String prevHash) {
    StringBuilder canonical = new StringBuilder();
    for (String field : new String[] {Long.toString(seq), DateTimeFormatter.ISO_INSTANT.format(at.toInstant()),
        actor, actorGroups, subject, action, details, prevHash}) {
      canonical.append(field.length()).append(':').append(field).append('\n');
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String canonical(Map<String, ?> details) {
    try {
      // nulls are left out: "no rationale" reads the same whichever way a caller says it
      Map<String, Object> present = new LinkedHashMap<>();
      if (details != null) {
        details.forEach((key, value) -> {
          if (value != null) {
            present.put(key, value);
          }
        });
      }
      return CANONICAL.writeValueAsString(present);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Decision log details must be plain values", e);
    }
  }

  // ------------------------------------------------------------------ reading

  private static DecisionLogEntry unwritten(Draft draft) {
    try {
      return new DecisionLogEntry(0, draft.at(), draft.actor(),
          draft.actorGroups().isEmpty() ? List.of() : Arrays.asList(draft.actorGroups().split(",")), draft.subject(),
          draft.action(), CANONICAL.readTree(draft.details()), null, null);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Stored stored(ResultSet rs) throws SQLException {
    return new Stored(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
        rs.getString("actor_groups"), rs.getString("subject"), rs.getString("action"), rs.getString("details"),
        rs.getString("prev_hash"), rs.getString("hash"));
  }

  // by column name: JdbcClient's mapper for a class probes each camelCase name first (H2 logs every miss)
  private static DecisionLogEntry entry(ResultSet rs, int row) throws SQLException {
    String details = rs.getString("details");
    String groups = rs.getString("actor_groups");
    JsonNode parsed;
    try {
      parsed = CANONICAL.readTree(details);
    } catch (JsonProcessingException e) {
      parsed = CANONICAL.getNodeFactory().textNode(details);
    }
    return new DecisionLogEntry(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
        groups.isEmpty() ? List.of() : Arrays.asList(groups.split(",")), rs.getString("subject"),
        DecisionAction.valueOf(rs.getString("action")), parsed, rs.getString("prev_hash"), rs.getString("hash"));
  }
}
