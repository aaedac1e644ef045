package org.exportcontrol.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.exportcontrol.support.MemoryDatabase;
import org.junit.jupiter.api.Test;

/** Reference numbers on an in-memory database: format, counting per prefix and year, no gap after a rollback. */
class ReferenceNumbersUnitTest {

  final MemoryDatabase db = new MemoryDatabase();

  ReferenceNumbers at(String instant) {
    return new ReferenceNumbers(db.jdbc, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), db.transactionManager);
  }

  @Test
  void numbersCountPerPrefixAndYearFromOne() {
    ReferenceNumbers in2026 = at("2026-12-31T23:59:59Z");
    assertThat(in2026.next("EXP")).isEqualTo("EXP-2026-000001");
    assertThat(in2026.next("EXP")).isEqualTo("EXP-2026-000002");
    assertThat(in2026.next("MIS")).isEqualTo("MIS-2026-000001");
    assertThat(at("2027-01-01T00:00:00Z").next("EXP")).isEqualTo("EXP-2027-000001");
    assertThat(in2026.next("EXP")).isEqualTo("EXP-2026-000003");
  }

  @Test
  void aRolledBackNumberIsHandedOutAgain() {
    ReferenceNumbers references = at("2026-06-01T00:00:00Z");
    assertThat(references.next("EXP")).isEqualTo("EXP-2026-000001");
    db.transaction().executeWithoutResult(tx -> {
      assertThat(references.next("EXP")).isEqualTo("EXP-2026-000002");
      tx.setRollbackOnly();
    });
    assertThat(references.next("EXP")).isEqualTo("EXP-2026-000002");
  }

  @Test
  void aCounterCreatedMeanwhileIsCountedOn() {
    db.jdbc.sql("insert into reference_counter (prefix, ref_year, last_value) values ('EXP', 2026, 41)").update();
    assertThat(at("2026-06-01T00:00:00Z").next("EXP")).isEqualTo("EXP-2026-000042");
  }

  @Test
  void theFirstNumberOfARolledBackYearStillHasItsCounter() {
    ReferenceNumbers references = at("2026-06-01T00:00:00Z");
    db.transaction().executeWithoutResult(tx -> {
      assertThat(references.next("LIC")).isEqualTo("LIC-2026-000001");
      tx.setRollbackOnly();
    });
    assertThat(db.jdbc.sql("select last_value from reference_counter where prefix = 'LIC'").query(Integer.class).single())
        .isZero();
    assertThat(references.next("LIC")).isEqualTo("LIC-2026-000001");
  }
}
