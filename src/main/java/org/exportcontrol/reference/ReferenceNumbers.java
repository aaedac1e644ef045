package org.exportcontrol.reference;

import java.time.Clock;
import java.time.Year;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Human references such as {@code EXP-2026-000042}: a prefix, the year and a per-year counter. The
 * counter row is updated inside the caller's transaction, so concurrent callers queue on its lock
 * and a rolled-back request leaves no gap-free promise broken (a gap is fine; a duplicate is not).
 */
@Component
public class ReferenceNumbers {

  private final JdbcClient jdbc;
  private final Clock clock;

  public ReferenceNumbers(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public String next(String prefix) {
    int year = Year.now(clock).getValue();
    int updated = jdbc.sql("update reference_counter set last_value = last_value + 1 where prefix = ? and ref_year = ?")
        .params(prefix, year).update();
    if (updated == 0) {
      jdbc.sql("insert into reference_counter (prefix, ref_year, last_value) values (?, ?, 1)")
          .params(prefix, year).update();
    }
    int value = jdbc.sql("select last_value from reference_counter where prefix = ? and ref_year = ?")
        .params(prefix, year).query(Integer.class).single();
    return "%s-%d-%06d".formatted(prefix, year, value);
  }
}
