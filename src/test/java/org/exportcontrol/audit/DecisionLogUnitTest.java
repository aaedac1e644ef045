package org.exportcontrol.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.exportcontrol.support.MemoryDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The decision log's chain on an in-memory database, without Spring: what an entry stores, that its
 * hash covers each field in the documented canonical form, that entries wait for their transaction's
 * commit, and that {@link DecisionLog#verify()} finds the first altered, removed or inserted entry.
 */
class DecisionLogUnitTest {

  static final Instant NOW = Instant.parse("2026-12-06T10:00:00.123456Z");

  final MemoryDatabase db = new MemoryDatabase();
  @SuppressWarnings("unchecked")
  final ObjectProvider<IdentityService> identity = mock(ObjectProvider.class);
  final IdentityService identityService = mock(IdentityService.class);
  final DecisionLog log = new DecisionLog(db.jdbc, Clock.fixed(NOW, ZoneOffset.ofHours(2)), identity,
      db.transactionManager);

  @org.junit.jupiter.api.BeforeEach
  void setUp() {
    when(identity.getObject()).thenReturn(identityService);
  }

  void authenticated(String user, List<String> groups) {
    when(identityService.getCurrentAuthentication()).thenReturn(user == null ? null : new Authentication(user, groups));
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theHashCoversEachFieldWithItsLength() throws Exception {
    OffsetDateTime at = OffsetDateTime.parse("2026-12-06T12:00:00.123+02:00");
    assertThat(DecisionLog.hash(7, at, "officer", "a,b", "EXP-1", "DECIDED", "{\"x\":1}", DecisionLog.GENESIS))
        .isEqualTo(sha256("1:7\n24:2026-12-06T10:00:00.123Z\n7:officer\n3:a,b\n5:EXP-1\n7:DECIDED\n7:{\"x\":1}\n64:"
            + "0".repeat(64) + "\n"));
  }

  @Test
  void anEntryOutsideATransactionIsWrittenAtOnceAndChained() {
    authenticated("officer", List.of("licensing-officers", "camunda-admin"));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("outcome", "APPROVE");
    details.put("rationale", null);
    details.put("amount", 3);
    log.record("EXP-1", DecisionAction.DECIDED, details);
    authenticated(null, null);
    log.record("EXP-1", DecisionAction.LICENSE_ISSUED, Map.of());

    List<DecisionLogEntry> entries = log.entries("EXP-1");
    assertThat(entries).hasSize(2);
    DecisionLogEntry first = entries.get(0);
    assertThat(first.seq()).isEqualTo(1);
    assertThat(first.at().toInstant()).isEqualTo(Instant.parse("2026-12-06T10:00:00.123Z"));
    assertThat(first.actor()).isEqualTo("officer");
    assertThat(first.actorGroups()).containsExactly("camunda-admin", "licensing-officers");
    assertThat(first.actorIn("licensing-officers")).isTrue();
    assertThat(first.actorIn("legal-reviewers")).isFalse();
    assertThat(first.detail("outcome")).isEqualTo("APPROVE");
    assertThat(first.detail("rationale")).isNull();
    assertThat(first.prevHash()).isEqualTo(DecisionLog.GENESIS);
    assertThat(db.jdbc.sql("select details from decision_log where seq = 1").query(String.class).single())
        .isEqualTo("{\"amount\":3,\"outcome\":\"APPROVE\"}");
    assertThat(first.hash()).isEqualTo(DecisionLog.hash(1, first.at(), "officer", "camunda-admin,licensing-officers",
        "EXP-1", "DECIDED", "{\"amount\":3,\"outcome\":\"APPROVE\"}", DecisionLog.GENESIS));

    DecisionLogEntry second = entries.get(1);
    assertThat(second.seq()).isEqualTo(2);
    assertThat(second.actor()).isEqualTo(DecisionLog.SYSTEM);
    assertThat(second.actorGroups()).isEmpty();
    assertThat(second.prevHash()).isEqualTo(first.hash());
    assertThat(log.head()).isEqualTo(new DecisionLog.Head(2, second.hash()));
    assertThat(log.verify()).isEqualTo(new DecisionLog.Verification(2, true, 2, second.hash(), null));
  }

  @Test
  void aUserWithoutAnIdIsTheSystem() {
    authenticated(null, null);
    when(identityService.getCurrentAuthentication()).thenReturn(new Authentication(null, List.of("x")));
    log.record("EXP-1", DecisionAction.SCREENED, null);
    log.recordAs("someone", null, "EXP-1", DecisionAction.SCREENED, null);
    assertThat(log.entries("EXP-1")).extracting(DecisionLogEntry::actor).containsExactly("system", "someone");
    assertThat(log.entries("EXP-1").get(0).actorGroups()).isEmpty();
    assertThat(db.jdbc.sql("select details from decision_log where seq = 2").query(String.class).single()).isEqualTo("{}");
  }

  @Test
  void anEntryInATransactionWaitsForItsCommitAndIsSeenMeanwhile() {
    authenticated("tech", List.of("technical-reviewers"));
    db.transaction().executeWithoutResult(tx -> {
      log.record("EXP-1", DecisionAction.REVIEW_RECORDED, Map.of("step", "technicalReview"));
      log.record("EXP-2", DecisionAction.REVIEW_RECORDED, Map.of("step", "legalReview"));
      assertThat(db.jdbc.sql("select count(*) from decision_log").query(Long.class).single()).isZero();
      List<DecisionLogEntry> pending = log.entries("EXP-1");
      assertThat(pending).hasSize(1);
      assertThat(pending.get(0).seq()).isZero();
      assertThat(pending.get(0).hash()).isNull();
      assertThat(pending.get(0).actor()).isEqualTo("tech");
      assertThat(pending.get(0).actorGroups()).containsExactly("technical-reviewers");
      assertThat(pending.get(0).detail("step")).isEqualTo("technicalReview");
      assertThat(log.entries(List.of("EXP-1", "EXP-2"))).hasSize(2);
    });
    assertThat(log.entries(List.of("EXP-1", "EXP-2"))).extracting(DecisionLogEntry::seq).containsExactly(1L, 2L);
    assertThat(log.verify().valid()).isTrue();
  }

  @Test
  void aRolledBackTransactionLeavesNoEntryButARefusalStays() {
    authenticated("officer", List.of("licensing-officers"));
    assertThatThrownBy(() -> db.transaction().executeWithoutResult(tx -> {
      log.record("EXP-1", DecisionAction.DECIDED, Map.of("outcome", "APPROVE"));
      throw log.refusal("EXP-1", "no grounds", DecisionLog.details("activity", "issue", "missing", null));
    })).isInstanceOf(IntegrityRefusal.class).hasMessage("EXP-1: no grounds");
    List<DecisionLogEntry> entries = log.entries("EXP-1");
    assertThat(entries).extracting(DecisionLogEntry::action).containsExactly(DecisionAction.INTEGRITY_REFUSAL);
    assertThat(entries.get(0).actor()).isEqualTo("officer");
    assertThat(entries.get(0).actorGroups()).containsExactly("licensing-officers");
    assertThat(db.jdbc.sql("select details from decision_log where seq = 1").query(String.class).single())
        .isEqualTo("{\"activity\":\"issue\",\"reason\":\"no grounds\"}");
    log.refusal("EXP-1", "again", null);
    assertThat(log.entries("EXP-1")).hasSize(2);
  }

  @Test
  void aRefusalWithoutAUserIsTheSystems() {
    authenticated(null, null);
    log.recordNow("EXP-1", DecisionAction.INTEGRITY_REFUSAL, Map.of());
    when(identityService.getCurrentAuthentication()).thenReturn(new Authentication(null, null));
    log.recordNow("EXP-1", DecisionAction.INTEGRITY_REFUSAL, Map.of());
    assertThat(log.entries("EXP-1")).extracting(DecisionLogEntry::actor).containsExactly("system", "system");
    assertThat(log.entries("EXP-1")).allSatisfy(e -> assertThat(e.actorGroups()).isEmpty());
  }

  @Test
  void blankSubjectsHaveNoEntries() {
    log.recordBySystem("EXP-1", DecisionAction.SCREENED, Map.of());
    assertThat(log.entries(java.util.Arrays.asList(null, " ", ""))).isEmpty();
    assertThat(log.entries(List.of("EXP-1", "EXP-1", " "))).hasSize(1);
  }

  @Test
  void detailsAreNamesAndValuesInOrder() {
    assertThat(DecisionLog.details("b", 1, "a", null)).containsExactly(Map.entry("b", 1), new java.util.AbstractMap.SimpleEntry<>("a", null));
    assertThat(DecisionLog.details()).isEmpty();
  }

  void threeEntries() {
    for (int i = 0; i < 3; i++) {
      log.recordBySystem("EXP-" + i, DecisionAction.SCREENED, Map.of("i", i));
    }
  }

  @Test
  void anAlteredEntryIsFoundByItsNumber() {
    threeEntries();
    db.jdbc.sql("update decision_log set details = '{\"i\":9}' where seq = 2").update();
    assertThat(log.verify()).extracting(DecisionLog.Verification::valid, DecisionLog.Verification::firstBrokenSeq,
        DecisionLog.Verification::entries).containsExactly(false, 2L, 3L);
  }

  @Test
  void anEntryLinkedToTheWrongPredecessorIsFound() {
    threeEntries();
    db.jdbc.sql("update decision_log set prev_hash = ? where seq = 3").param(DecisionLog.GENESIS).update();
    assertThat(log.verify().firstBrokenSeq()).isEqualTo(3L);
  }

  @Test
  void aRemovedEntryIsFoundWhereTheNumberingBreaks() {
    threeEntries();
    db.jdbc.sql("delete from decision_log where seq = 2").update();
    assertThat(log.verify()).extracting(DecisionLog.Verification::valid, DecisionLog.Verification::firstBrokenSeq,
        DecisionLog.Verification::entries).containsExactly(false, 2L, 2L);
  }

  @Test
  void anEntryRemovedFromTheEndIsFoundByTheHead() {
    threeEntries();
    DecisionLog.Head head = log.head();
    db.jdbc.sql("delete from decision_log where seq = 3").update();
    DecisionLog.Verification verification = log.verify();
    assertThat(verification).isEqualTo(new DecisionLog.Verification(2, false, 3, head.headHash(), 3L));
  }

  @Test
  void anEntryWrittenPastTheHeadIsFound() {
    threeEntries();
    db.jdbc.sql("update decision_log_head set seq = 2").update();
    assertThat(log.verify().firstBrokenSeq()).isEqualTo(3L);
    db.jdbc.sql("update decision_log_head set seq = 3, hash = ? where id = 1").param(DecisionLog.GENESIS).update();
    assertThat(log.verify().firstBrokenSeq()).isEqualTo(4L);
  }

  @Test
  void anEmptyLogIsValid() {
    assertThat(log.verify()).isEqualTo(new DecisionLog.Verification(0, true, 0, DecisionLog.GENESIS, null));
  }

  @Test
  void detailsThatAreNoPlainValuesAreRefused() {
    assertThatThrownBy(() -> log.recordBySystem("EXP-1", DecisionAction.SCREENED, Map.of("x", new Object())))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Decision log details must be plain values");
  }

  @Test
  void storedDetailsThatAreNoJsonAreReadAsText() {
    threeEntries();
    db.jdbc.sql("update decision_log set details = 'not json' where seq = 1").update();
    assertThat(log.entries("EXP-0").get(0).details().asText()).isEqualTo("not json");
  }
}
