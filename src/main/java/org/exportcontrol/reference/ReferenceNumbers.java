package org.exportcontrol.reference;

import java.time.Clock;
import java.time.Year;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Human references such as {@code EXP-2026-000042}: a prefix, the year and a per-year counter. The
 * counter row is updated inside the caller's transaction, so concurrent callers queue on its lock
 * and a rolled-back request hands its number back: numbers stay unique and without gaps.
 *
 * <p>The first number of a prefix and year needs the row first. It is created at zero in a
 * transaction of its own, which commits at once; of several callers creating it at the same moment
 * one succeeds and the others find it there, and all then count on it like any other day.
 */
@Component
public class ReferenceNumbers {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  public ReferenceNumbers(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public String next(String prefix) {
    int year = Year.now(clock).getValue();
    if (increment(prefix, year) == 0) {
      createCounter(prefix, year);
      increment(prefix, year);
    }
    int value = jdbc.sql("select last_value from reference_counter where prefix = ? and ref_year = ?")
        .params(prefix, year).query(Integer.class).single();
    return "%s-%d-%06d".formatted(prefix, year, value);
  }

  private int increment(String prefix, int year) {
    return jdbc.sql("update reference_counter set last_value = last_value + 1 where prefix = ? and ref_year = ?")
        .params(prefix, year).update();
  }

  private void createCounter(String prefix, int year) {
    try {
      ownTransaction.executeWithoutResult(tx -> jdbc.sql(
              "insert into reference_counter (prefix, ref_year, last_value) values (?, ?, 0)")
          .params(prefix, year).update());
    } catch (DuplicateKeyException createdMeanwhile) {
      // another caller created it a moment ago: count on theirs
    }
  }
}
