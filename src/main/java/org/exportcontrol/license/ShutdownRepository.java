package org.exportcontrol.license;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code license_shutdown}: the order to shut a revoked system down, its deadline, confirmation and verification. */
@Repository
public class ShutdownRepository {

  private final JdbcClient jdbc;

  public ShutdownRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void order(String number, OffsetDateTime at, OffsetDateTime deadline) {
    jdbc.sql("insert into license_shutdown (license_number, ordered_at, deadline, escalations) values (?, ?, ?, 0)")
        .params(number, at, deadline).update();
  }

  public Optional<Shutdown> find(String number) {
    return jdbc.sql("select * from license_shutdown where license_number = ?").param(number)
        .query(ShutdownRepository::map).optional();
  }

  /** A new deadline after a missed one (an escalation) or after a failed verification, which also voids the confirmation. */
  public void newDeadline(String number, OffsetDateTime deadline, boolean escalation) {
    jdbc.sql("""
            update license_shutdown set deadline = ?, escalations = escalations + ?,
              confirmed_at = null, shutdown_at = null where license_number = ? and verified_at is null""")
        .params(deadline, escalation ? 1 : 0, number).update();
  }

  /** Records the exporter's confirmation; false when none is expected (not ordered, verified, or one awaits verification). */
  public boolean confirm(String number, OffsetDateTime at, OffsetDateTime shutdownAt, String evidence, String by) {
    return jdbc.sql("""
            update license_shutdown set confirmed_at = ?, shutdown_at = ?, confirmation_evidence = ?, confirmed_by = ?
            where license_number = ? and verified_at is null and confirmed_at is null""")
        .params(at, shutdownAt, evidence, by, number).update() == 1;
  }

  public void verify(String number, OffsetDateTime at, String by, String notes) {
    jdbc.sql("update license_shutdown set verified_at = ?, verified_by = ?, verification_notes = ? where license_number = ?")
        .params(at, by, notes, number).update();
  }

  // by column name: JdbcClient's mapper for a class probes each camelCase name first (H2 logs every miss)
  private static Shutdown map(ResultSet rs, int row) throws SQLException {
    return new Shutdown(rs.getString("license_number"), rs.getObject("ordered_at", OffsetDateTime.class),
        rs.getObject("deadline", OffsetDateTime.class), rs.getInt("escalations"),
        rs.getObject("confirmed_at", OffsetDateTime.class), rs.getObject("shutdown_at", OffsetDateTime.class),
        rs.getString("confirmation_evidence"), rs.getString("confirmed_by"),
        rs.getObject("verified_at", OffsetDateTime.class), rs.getString("verified_by"), rs.getString("verification_notes"));
  }
}
