package org.exportcontrol.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.exportcontrol.application.ApplicationView;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.application.RecordedReviews;
import org.exportcontrol.wording.Wording;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code review}: every recommendation and decision, who gave it and when; what the application views show of them. */
@Repository
public class ReviewRecords implements RecordedReviews {

  private final JdbcClient jdbc;

  public ReviewRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String applicationId, String step, String outcome, String comments, String completedBy,
      OffsetDateTime completedAt) {
    jdbc.sql("""
            insert into review (application_id, step, outcome, comments, completed_by, completed_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(applicationId, step, outcome, comments, completedBy, completedAt).update();
  }

  /** Everyone who completed one of these steps of the application, at any time. */
  public Set<String> completers(String applicationId, List<String> steps) {
    return new TreeSet<>(jdbc.sql("select distinct completed_by from review where application_id = :id and step in (:steps)")
        .param("id", applicationId).param("steps", steps).query(String.class).list());
  }

  /**
   * Everyone who completed one of these steps of an application that this one amends, directly or
   * through a chain of amendments (issue 17); empty for an application that amends none.
   */
  public Set<String> earlierCompleters(String applicationId, List<String> steps) {
    List<String> earlier = new java.util.ArrayList<>();
    String current = applicationId;
    // a chain is short; the bound only guards against a loop in damaged data
    for (int i = 0; i < 100; i++) {
      String amended = jdbc.sql("select e.id from application a join application e on e.reference = a.amendment_of"
              + " where a.id = ?")
          .param(current).query(String.class).optional().orElse(null);
      if (amended == null || earlier.contains(amended)) {
        break;
      }
      earlier.add(amended);
      current = amended;
    }
    if (earlier.isEmpty()) {
      return Set.of();
    }
    return new TreeSet<>(jdbc.sql("select distinct completed_by from review where application_id in (:ids) and step in (:steps)")
        .param("ids", earlier).param("steps", steps).query(String.class).list());
  }

  /** The latest outcome and comments of each step, in the order given. */
  public List<Entry> latest(String applicationId, List<String> steps) {
    return jdbc.sql("""
            select step, outcome, comments, completed_by, completed_at from review r
            where application_id = :id and step in (:steps)
              and id = (select max(id) from review x where x.application_id = r.application_id and x.step = r.step)""")
        .param("id", applicationId).param("steps", steps).query(ReviewRecords::entry).list().stream()
        .sorted(java.util.Comparator.comparingInt(e -> steps.indexOf(e.step()))).toList();
  }

  /** Every recommendation, decision and countersignature of each application, oldest first (one query). */
  public Map<String, List<Entry>> allOf(Collection<String> applicationIds) {
    if (applicationIds.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("""
            select application_id, step, outcome, comments, completed_by, completed_at from review
            where application_id in (:ids) order by id""")
        .param("ids", applicationIds).query(ReviewRecords::row).list().stream()
        .collect(Collectors.groupingBy(Row::applicationId, Collectors.mapping(Row::entry, Collectors.toList())));
  }

  @Override
  public Map<String, List<ApplicationView.Review>> of(Collection<String> applicationIds) {
    return allOf(applicationIds).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream()
        .map(r -> new ApplicationView.Review(r.step(), r.outcome(), r.comments(), r.completedBy(), r.completedAt()))
        .toList()));
  }

  private record Row(String applicationId, Entry entry) {}

  public record Entry(String step, String outcome, String comments, String completedBy, OffsetDateTime completedAt) {

    /** The step in words: "Technical review", "Countersignature". */
    public String stepName() {
      return STEP_NAMES.getOrDefault(step, step);
    }

    /**
     * How the step reads on a form (the appeal's, an amendment's): "Technical review: Approve, by Tess
     * Technical on 4 Dec 2026, 14:03 GMT", the comments indented below.
     */
    public String described(Wording wording) {
      return stepName() + ": " + wording.label(outcome) + ", by " + wording.name(completedBy) + " on "
          + wording.dateTime(completedAt)
          + (comments == null || comments.isBlank() ? "" : "\n  " + comments.replace("\n", "\n  "));
    }
  }

  private static final Map<String, String> STEP_NAMES = Map.of(
      ExportLicenseReviewProcess.TECHNICAL_REVIEW, "Technical review",
      ExportLicenseReviewProcess.LEGAL_REVIEW, "Legal review",
      ExportLicenseReviewProcess.FOREIGN_AFFAIRS_REVIEW, "Foreign-affairs review",
      ExportLicenseReviewProcess.LICENSING_DECISION, "Licensing decision",
      ExportLicenseReviewProcess.COUNTERSIGN, "Countersignature");

  // by column name: JdbcClient's mapper for a class probes each camelCase name first (H2 logs every miss)
  private static Entry entry(ResultSet rs, int row) throws SQLException {
    return new Entry(rs.getString("step"), rs.getString("outcome"), rs.getString("comments"),
        rs.getString("completed_by"), rs.getObject("completed_at", OffsetDateTime.class));
  }

  private static Row row(ResultSet rs, int row) throws SQLException {
    return new Row(rs.getString("application_id"), entry(rs, row));
  }
}
