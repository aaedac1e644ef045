package org.exportcontrol.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code appeal}. One appeal per application (a unique key: of two at once, one is stored); each
 * change of state is a conditional update that happens once.
 */
@Repository
public class AppealRepository {

  private final JdbcClient jdbc;

  public AppealRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Appeal a) {
    jdbc.sql("""
            insert into appeal (reference, application_id, status, grounds, submitted_at, submitted_by)
            values (?, ?, ?, ?, ?, ?)""")
        .params(a.reference(), a.applicationId(), a.status(), a.grounds(), a.submittedAt(), a.submittedBy()).update();
  }

  public void setProcessInstance(String reference, String processInstanceId) {
    jdbc.sql("update appeal set process_instance_id = ? where reference = ?").params(processInstanceId, reference).update();
  }

  public Optional<Appeal> find(String reference) {
    return jdbc.sql("select * from appeal where reference = ?").param(reference).query(AppealRepository::map).optional();
  }

  public Optional<Appeal> ofApplication(String applicationId) {
    return jdbc.sql("select * from appeal where application_id = ?").param(applicationId).query(AppealRepository::map)
        .optional();
  }

  /** The appeal of each of these applications that has one (one query for a page). */
  public Map<String, Appeal> ofApplications(Collection<String> applicationIds) {
    if (applicationIds.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("select * from appeal where application_id in (:ids)").param("ids", applicationIds)
        .query(AppealRepository::map).list().stream().collect(Collectors.toMap(Appeal::applicationId, a -> a));
  }

  /** An officer took up the assessment: RECEIVED becomes UNDER_ASSESSMENT, once. */
  public boolean underAssessment(String reference) {
    return jdbc.sql("update appeal set status = 'UNDER_ASSESSMENT' where reference = ? and status = 'RECEIVED'")
        .param(reference).update() == 1;
  }

  /** The appeal's outcome; false when it was decided already. */
  public boolean decide(String reference, String outcome, String rationale, OffsetDateTime at, String by) {
    return jdbc.sql("""
            update appeal set status = 'DECIDED', outcome = ?, rationale = ?, decided_at = ?, decided_by = ?
            where reference = ? and status <> 'DECIDED'""")
        .params(outcome, rationale, at, by, reference).update() == 1;
  }

  private static Appeal map(ResultSet rs, int row) throws SQLException {
    return new Appeal(rs.getString("reference"), rs.getString("application_id"), rs.getString("status"),
        rs.getString("grounds"), rs.getObject("submitted_at", OffsetDateTime.class), rs.getString("submitted_by"),
        rs.getString("outcome"), rs.getString("rationale"), rs.getObject("decided_at", OffsetDateTime.class),
        rs.getString("decided_by"), rs.getString("process_instance_id"));
  }
}
