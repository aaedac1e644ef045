package org.exportcontrol.statistics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.exportcontrol.api.ConflictException;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The published transparency reports (table {@code transparency_publication}): a year's figures frozen
 * when an administrator publishes them, numbered 1, 2, ... per year; the public pages show the latest.
 */
@Service
public class TransparencyPublications {

  private static final TypeReference<List<TransparencyReport.Figure>> FIGURES = new TypeReference<>() {};

  /** A publication: which year, its number, when and by whom, and its frozen report. */
  public record Publication(int year, int number, Instant publishedAt, String publishedBy, TransparencyReport report) {}

  /** A publication without its figures, for the list of earlier ones. */
  public record Summary(int number, Instant publishedAt) {}

  private final JdbcClient jdbc;
  private final TransparencyFigures figures;
  private final DecisionLog decisionLog;
  private final ObjectMapper json;
  private final Clock clock;

  public TransparencyPublications(JdbcClient jdbc, TransparencyFigures figures, DecisionLog decisionLog,
      ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.figures = figures;
    this.decisionLog = decisionLog;
    this.json = json;
    this.clock = clock;
  }

  /** Freezes the year's figures as they are now, as the next publication of that year. */
  @Transactional
  public Publication publish(int year, String by) {
    TransparencyReport report = figures.report(year);
    int number = jdbc.sql("select coalesce(max(publication_number), 0) + 1 from transparency_publication where report_year = ?")
        .param(year).query(Integer.class).single();
    Instant now = Instant.now(clock);
    try {
      jdbc.sql("""
              insert into transparency_publication (report_year, publication_number, published_at, published_by,
                generated_at, figures) values (?, ?, ?, ?, ?, ?)""")
          .params(year, number, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), by,
              OffsetDateTime.ofInstant(report.generatedAt(), ZoneOffset.UTC), write(report.figures()))
          .update();
    } catch (DuplicateKeyException e) {
      throw new ConflictException("Another publication of " + year + " was made at the same moment; publish again if"
          + " this one is still needed");
    }
    decisionLog.record("transparency:" + year, DecisionAction.TRANSPARENCY_PUBLISHED,
        DecisionLog.details("year", year, "publication", number));
    return new Publication(year, number, now, by, report);
  }

  /** The latest publication of the year, if any. */
  public Optional<Publication> latest(int year) {
    return jdbc.sql("""
            select * from transparency_publication where report_year = ?
            order by publication_number desc fetch first 1 rows only""")
        .param(year)
        .query((rs, i) -> new Publication(rs.getInt("report_year"), rs.getInt("publication_number"),
            rs.getObject("published_at", OffsetDateTime.class).toInstant(), rs.getString("published_by"),
            TransparencyReport.of(year, rs.getObject("generated_at", OffsetDateTime.class).toInstant(),
                read(rs.getString("figures")))))
        .optional();
  }

  /** Every publication of the year, oldest first. */
  public List<Summary> all(int year) {
    return jdbc.sql("select publication_number, published_at from transparency_publication where report_year = ?"
            + " order by publication_number")
        .param(year)
        .query((rs, i) -> new Summary(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
        .list();
  }

  /** The years with a publication, newest first. */
  public List<Integer> years() {
    return jdbc.sql("select distinct report_year from transparency_publication order by report_year desc")
        .query(Integer.class).list();
  }

  private String write(List<TransparencyReport.Figure> list) {
    try {
      return json.writeValueAsString(list);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<TransparencyReport.Figure> read(String text) {
    try {
      return json.readValue(text, FIGURES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
