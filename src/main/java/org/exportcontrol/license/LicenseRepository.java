package org.exportcontrol.license;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code license}. Every change of state is one conditional update: it happens only from a state
 * that allows it, and of two concurrent callers exactly one wins (the other waits for the row lock,
 * then finds the state changed and gets false).
 */
@Repository
public class LicenseRepository {

  private final JdbcClient jdbc;

  public LicenseRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(License license) {
    jdbc.sql("""
            insert into license (license_number, application_id, status, valid_from, valid_until, conditions, issued_at)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(license.licenseNumber(), license.applicationId(), license.status().name(), license.validFrom(),
            license.validUntil(), license.conditions(), license.issuedAt())
        .update();
  }

  public Optional<License> find(String number) {
    return jdbc.sql("select * from license where license_number = ?").param(number).query(LicenseRepository::map).optional();
  }

  /** The license of each of these applications that has one (one query for a page of them). */
  public Map<String, License> findByApplications(Collection<String> applicationIds) {
    if (applicationIds.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("select * from license where application_id in (:ids)").param("ids", applicationIds)
        .query(LicenseRepository::map).list().stream().collect(Collectors.toMap(License::applicationId, l -> l));
  }

  public boolean suspend(String number, OffsetDateTime at) {
    return jdbc.sql("update license set status = 'SUSPENDED', suspended_at = ? where license_number = ? and status = 'ACTIVE'")
        .params(at, number).update() == 1;
  }

  public boolean reinstate(String number) {
    return jdbc.sql("update license set status = 'ACTIVE', suspended_at = null where license_number = ? and status = 'SUSPENDED'")
        .param(number).update() == 1;
  }

  public boolean revoke(String number, OffsetDateTime at, String reason) {
    return jdbc.sql("""
            update license set status = 'REVOKED', revoked_at = ?, revocation_reason = ?
            where license_number = ? and status in ('ACTIVE', 'SUSPENDED')""")
        .params(at, reason, number).update() == 1;
  }

  public boolean expire(String number, OffsetDateTime at) {
    return jdbc.sql("""
            update license set status = 'EXPIRED', expired_at = ?
            where license_number = ? and status in ('ACTIVE', 'SUSPENDED')""")
        .params(at, number).update() == 1;
  }

  /** Ends a license that is not expired or cancelled already; false when it was meanwhile. */
  public boolean cancel(String number, String reason, OffsetDateTime at, String by) {
    return jdbc.sql("""
            update license set status = 'CANCELLED', cancellation_reason = ?, cancelled_at = ?, cancelled_by = ?
            where license_number = ? and status in ('ACTIVE', 'SUSPENDED', 'REVOKED')""")
        .params(reason, at, by, number).update() == 1;
  }

  // by column name: JdbcClient's mapper for a class probes each camelCase name first (H2 logs every miss)
  private static License map(ResultSet rs, int row) throws SQLException {
    return new License(rs.getString("license_number"), rs.getString("application_id"),
        LicenseStatus.valueOf(rs.getString("status")),
        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_until", LocalDate.class),
        rs.getString("conditions"), rs.getObject("issued_at", OffsetDateTime.class),
        rs.getObject("suspended_at", OffsetDateTime.class), rs.getObject("revoked_at", OffsetDateTime.class),
        rs.getString("revocation_reason"), rs.getObject("expired_at", OffsetDateTime.class),
        rs.getString("cancellation_reason"), rs.getObject("cancelled_at", OffsetDateTime.class));
  }
}
