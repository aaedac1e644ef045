package org.exportcontrol.misuse;

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
        .params(r.id(), r.reference(), r.status(), r.licenseNumber(), r.category(), r.source(), r.summary(),
            r.evidence(), r.reportedOn(), r.receivedAt(), r.receivedBy())
        .update();
  }

  public Optional<MisuseReport> find(String id) {
    return jdbc.sql("select * from misuse_report where id = ?").param(id).query(MisuseReport.class).optional();
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
}
