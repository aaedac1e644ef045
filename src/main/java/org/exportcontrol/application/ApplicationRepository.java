package org.exportcontrol.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code application}. */
@Repository
public class ApplicationRepository {

  private static final TypeReference<List<Application.Purpose>> PURPOSES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public ApplicationRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public void insert(Application a) {
    jdbc.sql("""
            insert into application (id, reference, status, submitted_at, submitted_by, exporter_company, exporter_name,
              product_name, product_category, product_control_entry, product_description, product_remote_shutdown_capable,
              end_user_name, end_user_type, end_user_country, declared_purposes,
              certificate_signatory, certificate_signed_on, certificate_prohibited_uses_acknowledged,
              contract_amount, contract_currency, amendment_of)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(a.id(), a.reference(), a.status().name(), a.submittedAt(), a.submittedBy(), a.exporterCompany(),
            a.exporterName(), a.productName(), a.productCategory(), a.productControlEntry(), a.productDescription(),
            a.productRemoteShutdownCapable(), a.endUserName(), a.endUserType(), a.endUserCountry(),
            write(a.declaredPurposes()), a.certificateSignatory(), a.certificateSignedOn(),
            a.certificateProhibitedUsesAcknowledged(), a.contractAmount(), a.contractCurrency(), a.amendmentOf())
        .update();
  }

  public Optional<Application> find(String id) {
    return jdbc.sql("select * from application where id = ?").param(id).query(this::map).optional();
  }

  /** The page of applications, newest first; {@code company} null means all companies. */
  public List<Application> page(String company, int page, int size) {
    String where = company == null ? "" : " where exporter_company = :company";
    return jdbc.sql("select * from application" + where + " order by submitted_at desc, reference desc"
            + " offset :offset rows fetch next :size rows only")
        .param("company", company).param("offset", (long) page * size).param("size", size)
        .query(this::map).list();
  }

  public long count(String company) {
    String where = company == null ? "" : " where exporter_company = :company";
    return jdbc.sql("select count(*) from application" + where).param("company", company)
        .query(Long.class).single();
  }

  public void setProcessInstance(String id, String processInstanceId) {
    jdbc.sql("update application set process_instance_id = ? where id = ?").params(processInstanceId, id).update();
  }

  public void updateStatus(String id, ApplicationStatus status) {
    jdbc.sql("update application set status = ? where id = ?").params(status.name(), id).update();
  }

  public void recordScreening(String id, String countryTier, String outcome, List<String> reasons,
      ApplicationStatus status) {
    jdbc.sql("update application set country_tier = ?, screening_outcome = ?, screening_reasons = ?, status = ? where id = ?")
        .params(countryTier, outcome, String.join(",", reasons), status.name(), id).update();
  }

  public void recordDecision(String id, ApplicationStatus status, String outcome, List<String> reasons,
      String rationale, OffsetDateTime decidedAt, String decidedBy) {
    jdbc.sql("""
            update application set status = ?, decision_outcome = ?, decision_reasons = ?, decision_rationale = ?,
              decided_at = ?, decided_by = ? where id = ?""")
        .params(status.name(), outcome, String.join(",", reasons), rationale, decidedAt, decidedBy, id).update();
  }

  /** The criteria a refusal rests on ({@link RefusalCriterion}); empty when the decision is not a refusal. */
  public void recordRefusalCriteria(String id, List<String> criteria) {
    jdbc.sql("update application set refusal_criteria = ? where id = ?").params(String.join(",", criteria), id).update();
  }

  /** Cancels a case that is still open or under appeal; false when it was decided, withdrawn or cancelled meanwhile. */
  public boolean cancel(String id, String reason, OffsetDateTime at, String by) {
    return jdbc.sql("""
            update application set status = 'CANCELLED', cancellation_reason = ?, cancelled_at = ?, cancelled_by = ?
            where id = ? and status in ('INFORMATION_REQUESTED', 'IN_REVIEW', 'AWAITING_DECISION', 'UNDER_APPEAL')""")
        .params(reason, at, by, id).update() == 1;
  }

  /**
   * The amendment {@code amendment} supersedes the application while it is still under review; false
   * when it was decided, withdrawn, cancelled or superseded meanwhile (of two concurrent amendments,
   * one wins).
   */
  public boolean supersede(String id, String amendment) {
    return jdbc.sql("""
            update application set status = 'SUPERSEDED', superseded_by = ?
            where id = ? and status in ('INFORMATION_REQUESTED', 'IN_REVIEW', 'AWAITING_DECISION')""")
        .params(amendment, id).update() == 1;
  }

  public Optional<Application> findByReference(String reference) {
    return jdbc.sql("select * from application where reference = ?").param(reference).query(this::map).optional();
  }

  public void updateCertificate(String id, ApplicationRequest.EndUseCertificate certificate) {
    jdbc.sql("""
            update application set certificate_signatory = ?, certificate_signed_on = ?,
              certificate_prohibited_uses_acknowledged = ? where id = ?""")
        .params(certificate.signatory(), certificate.signedOn(), certificate.prohibitedUsesAcknowledged(), id).update();
  }

  private Application map(ResultSet rs, int row) throws SQLException {
    return new Application(
        rs.getString("id"), rs.getString("reference"), ApplicationStatus.valueOf(rs.getString("status")),
        rs.getObject("submitted_at", OffsetDateTime.class), rs.getString("submitted_by"),
        rs.getString("exporter_company"), rs.getString("exporter_name"),
        rs.getString("product_name"), rs.getString("product_category"), rs.getString("product_control_entry"),
        rs.getString("product_description"), rs.getBoolean("product_remote_shutdown_capable"),
        rs.getString("end_user_name"), rs.getString("end_user_type"), rs.getString("end_user_country"),
        rs.getString("country_tier"), read(rs.getString("declared_purposes")),
        rs.getString("certificate_signatory"), rs.getObject("certificate_signed_on", java.time.LocalDate.class),
        (Boolean) rs.getObject("certificate_prohibited_uses_acknowledged"),
        rs.getBigDecimal("contract_amount"), rs.getString("contract_currency"),
        rs.getString("screening_outcome"), codes(rs.getString("screening_reasons")),
        rs.getString("decision_outcome"), codes(rs.getString("decision_reasons")),
        rs.getString("decision_rationale"), rs.getObject("decided_at", OffsetDateTime.class),
        rs.getString("decided_by"), rs.getString("process_instance_id"),
        rs.getString("cancellation_reason") == null ? null : new Application.Cancellation(rs.getString("cancellation_reason"),
            rs.getObject("cancelled_at", OffsetDateTime.class), rs.getString("cancelled_by")),
        rs.getString("amendment_of"), rs.getString("superseded_by"), codes(rs.getString("refusal_criteria")));
  }

  private static List<String> codes(String joined) {
    return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
  }

  private String write(List<Application.Purpose> purposes) {
    try {
      return json.writeValueAsString(purposes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Application.Purpose> read(String purposes) {
    try {
      return json.readValue(purposes, PURPOSES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
