package org.exportcontrol.license;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code license}. */
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
        .params(license.licenseNumber(), license.applicationId(), license.status(), license.validFrom(),
            license.validUntil(), license.conditions(), license.issuedAt())
        .update();
  }

  public Optional<License> findByApplication(String applicationId) {
    return jdbc.sql("select * from license where application_id = ?").param(applicationId)
        .query(License.class).optional();
  }
}
