package org.exportcontrol.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code information_request}. */
@Repository
public class InformationRequestRepository {

  private final JdbcClient jdbc;

  public InformationRequestRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public String open(String applicationId, String askedByStep, String question, OffsetDateTime askedAt) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
            insert into information_request (id, application_id, asked_by_step, question, asked_at, status)
            values (?, ?, ?, ?, ?, 'OPEN')""")
        .params(id, applicationId, askedByStep, question, askedAt).update();
    return id;
  }

  public Optional<InformationRequest> find(String applicationId, String requestId) {
    return jdbc.sql("select * from information_request where id = ? and application_id = ?")
        .params(requestId, applicationId).query(InformationRequestRepository::map).optional();
  }

  public List<InformationRequest> open(String applicationId) {
    return openOf(List.of(applicationId)).getOrDefault(applicationId, List.of());
  }

  /** The open requests of each of these applications (one query for a page of them). */
  public Map<String, List<InformationRequest>> openOf(Collection<String> applicationIds) {
    if (applicationIds.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("select * from information_request where application_id in (:ids) and status = 'OPEN' order by asked_at")
        .param("ids", applicationIds).query(InformationRequestRepository::map).list().stream()
        .collect(Collectors.groupingBy(InformationRequest::applicationId));
  }

  /** Marks the request answered; false when it was no longer open (answered or closed meanwhile). */
  public boolean answer(String requestId, String answer, String answeredBy, OffsetDateTime answeredAt) {
    return jdbc.sql("""
            update information_request set status = 'ANSWERED', answer = ?, answered_by = ?, answered_at = ?
            where id = ? and status = 'OPEN'""")
        .params(answer, answeredBy, answeredAt, requestId).update() == 1;
  }

  public void closeAll(String applicationId) {
    jdbc.sql("update information_request set status = 'CLOSED' where application_id = ? and status = 'OPEN'")
        .param(applicationId).update();
  }

  // by column name: JdbcClient's mapper for a class probes each camelCase name first (H2 logs every miss)
  private static InformationRequest map(ResultSet rs, int row) throws SQLException {
    return new InformationRequest(rs.getString("id"), rs.getString("application_id"), rs.getString("asked_by_step"),
        rs.getString("question"), rs.getObject("asked_at", OffsetDateTime.class), rs.getString("status"),
        rs.getString("answer"));
  }
}
