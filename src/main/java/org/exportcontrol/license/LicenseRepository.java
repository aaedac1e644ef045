package org.exportcontrol.license;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
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

  /** The license was issued because an appeal was granted (issue 17). */
  public void markIssuedOnAppeal(String number) {
    jdbc.sql("update license set issued_on_appeal = true where license_number = ?").param(number).update();
  }

  public boolean issuedOnAppeal(String number) {
    return jdbc.sql("select issued_on_appeal from license where license_number = ?").param(number)
        .query(Boolean.class).optional().orElse(false);
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

  /**
   * The report's own hold on the license's suspension: taken when the license is in force, the license
   * SUSPENDED from then on. A later hold of the same report (its decided suspension after its interim
   * one) replaces the first. Locks the license row first, like {@link #liftHold}, so that a hold and a
   * lifting of two reports never interleave.
   */
  public Suspension suspend(String number, String report, boolean interim, OffsetDateTime at) {
    String before = jdbc.sql("select status from license where license_number = ? for update").param(number)
        .query(String.class).optional().orElse(null);
    if (!"ACTIVE".equals(before) && !"SUSPENDED".equals(before)) {
      return new Suspension(false, false);
    }
    if ("ACTIVE".equals(before)) {
      jdbc.sql("update license set status = 'SUSPENDED', suspended_at = ? where license_number = ?").params(at, number).update();
    }
    int replaced = jdbc.sql("""
            update license_suspension set interim = ?, imposed_at = ?, lifted_at = null
            where license_number = ? and report_reference = ?""").params(interim, at, number, report).update();
    if (replaced == 0) {
      jdbc.sql("insert into license_suspension (license_number, report_reference, interim, imposed_at) values (?, ?, ?, ?)")
          .params(number, report, interim, at).update();
    }
    return new Suspension(true, "ACTIVE".equals(before));
  }

  /**
   * Lifts the report's hold; the license becomes ACTIVE only if it is SUSPENDED and no other report
   * holds it. True only when the license became ACTIVE in this step.
   */
  public boolean liftHold(String number, String report, OffsetDateTime at) {
    String status = jdbc.sql("select status from license where license_number = ? for update").param(number)
        .query(String.class).optional().orElse(null);
    jdbc.sql("update license_suspension set lifted_at = ? where license_number = ? and report_reference = ? and lifted_at is null")
        .params(at, number, report).update();
    if (!"SUSPENDED".equals(status) || !openHolds(number).isEmpty()) {
      return false;
    }
    return jdbc.sql("update license set status = 'ACTIVE', suspended_at = null where license_number = ? and status = 'SUSPENDED'")
        .param(number).update() == 1;
  }

  /** The reports whose suspension of the license is in force. */
  public List<String> openHolds(String number) {
    return jdbc.sql("select report_reference from license_suspension where license_number = ? and lifted_at is null order by imposed_at")
        .param(number).query(String.class).list();
  }

  /** What a suspension step did: whether the report now holds a suspension, and whether the license changed state. */
  public record Suspension(boolean held, boolean licenseSuspended) {}

  /** Revokes a license in force or surrendered; false when it was revoked, expired or cancelled already. */
  public boolean revoke(String number, OffsetDateTime at, String reason) {
    return jdbc.sql("""
            update license set status = 'REVOKED', revoked_at = ?, revocation_reason = ?
            where license_number = ? and status in ('ACTIVE', 'SUSPENDED', 'SURRENDERED')""")
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
            where license_number = ? and status in ('ACTIVE', 'SUSPENDED', 'SURRENDERED', 'REVOKED')""")
        .params(reason, at, by, number).update() == 1;
  }

  /**
   * The holder surrenders a license in force whose shutdown is not pending (no order awaits
   * verification); false when it is not in force, or a shutdown is pending, meanwhile.
   */
  public boolean surrender(String number, String reason, OffsetDateTime at, String by) {
    return jdbc.sql("""
            update license set status = 'SURRENDERED', surrender_reason = ?, surrendered_at = ?, surrendered_by = ?
            where license_number = ? and status in ('ACTIVE', 'SUSPENDED')
              and not exists (select 1 from license_shutdown s where s.license_number = license.license_number
                              and s.verified_at is null)""")
        .params(reason, at, by, number).update() == 1;
  }

  /** The holder's surrender of the license, if it was surrendered (kept after a later revocation or cancellation). */
  public Optional<Surrender> surrenderOf(String number) {
    return jdbc.sql("select surrender_reason, surrendered_at, surrendered_by from license where license_number = ?"
            + " and surrendered_at is not null").param(number)
        .query((rs, row) -> new Surrender(rs.getString("surrender_reason"),
            rs.getObject("surrendered_at", OffsetDateTime.class), rs.getString("surrendered_by")))
        .optional();
  }

  /** Who surrendered the license, when and why. */
  public record Surrender(String reason, OffsetDateTime surrenderedAt, String surrenderedBy) {}

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
