package org.exportcontrol.misuse;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code misuse_report}. */
@Repository
public class MisuseReportRepository {

  private final JdbcClient jdbc;

  public MisuseReportRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(MisuseReport r) {
    jdbc.sql("""
            insert into misuse_report (id, reference, status, license_number, category, source, summary, evidence,
              reported_on, received_at, received_by)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(r.id(), r.reference(), r.status().name(), r.licenseNumber(), r.category(), r.source(), r.summary(),
            r.evidence(), r.reportedOn(), r.receivedAt(), r.receivedBy())
        .update();
  }

  public Optional<MisuseReport> find(String id) {
    return jdbc.sql("select * from misuse_report where id = ?").param(id).query(MisuseReportRepository::map).optional();
  }

  public void setProcessInstance(String id, String processInstanceId) {
    jdbc.sql("update misuse_report set process_instance_id = ? where id = ?").params(processInstanceId, id).update();
  }

  public void updateStatus(String id, MisuseReportStatus status) {
    jdbc.sql("update misuse_report set status = ? where id = ?").params(status.name(), id).update();
  }

  public void recordTriage(String id, boolean credible, String severity) {
    jdbc.sql("update misuse_report set credible = ?, severity = ? where id = ?").params(credible, severity, id).update();
  }

  public void recordFinding(String id, String finding, String summary) {
    jdbc.sql("update misuse_report set finding = ?, investigation_summary = ? where id = ?")
        .params(finding, summary, id).update();
  }

  public void recordAction(String id, String action, String rationale) {
    jdbc.sql("update misuse_report set action = ?, action_rationale = ? where id = ?")
        .params(action, rationale, id).update();
  }

  /** The reports on a license that are still being handled. */
  public List<MisuseReport> ofLicense(String licenseNumber) {
    return jdbc.sql("select * from misuse_report where license_number = ? order by received_at, reference")
        .param(licenseNumber).query(MisuseReportRepository::map).list();
  }

  public List<MisuseReport> openOf(String licenseNumber) {
    return jdbc.sql("select * from misuse_report where license_number = ? and status not like 'CLOSED%' and status <> 'CANCELLED'")
        .param(licenseNumber).query(MisuseReportRepository::map).list();
  }

  // by column name: JdbcClient's mapper for a class probes each camelCase name first (H2 logs every miss)
  private static MisuseReport map(ResultSet rs, int row) throws SQLException {
    return new MisuseReport(rs.getString("id"), rs.getString("reference"),
        MisuseReportStatus.valueOf(rs.getString("status")),
        rs.getString("license_number"), rs.getString("category"), rs.getString("source"), rs.getString("summary"),
        rs.getString("evidence"), rs.getObject("reported_on", LocalDate.class),
        rs.getObject("received_at", OffsetDateTime.class), rs.getString("received_by"),
        rs.getObject("credible", Boolean.class), rs.getString("severity"), rs.getString("finding"),
        rs.getString("investigation_summary"), rs.getString("action"), rs.getString("action_rationale"),
        rs.getString("process_instance_id"));
  }
}
