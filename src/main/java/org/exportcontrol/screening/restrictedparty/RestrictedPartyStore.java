package org.exportcontrol.screening.restrictedparty;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables {@code restricted_party_import}, {@code restricted_party_entry} and {@code restricted_party_match} (V11). */
@Repository
public class RestrictedPartyStore {

  public static final String APPLICATION = "APPLICATION";
  public static final String LICENSE = "LICENSE";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  public RestrictedPartyStore(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** One import of a list, with what its re-screening found once that finished. */
  public record ListImport(String id, String source, int version, OffsetDateTime importedAt, String importedBy,
      int entries, int added, int removed, int unchanged, String rescreenStatus, Integer rescreened,
      Integer newMatches, List<String> misuseReports, OffsetDateTime rescreenedAt) {}

  /** The current import of each source: source → import id (the versions every node's index compares). */
  public Map<String, String> currentImports() {
    Map<String, String> current = new TreeMap<>();
    jdbc.sql("""
        select i.source, i.id from restricted_party_import i
        where i.version = (select max(v.version) from restricted_party_import v where v.source = i.source)""")
        .query((rs, n) -> current.put(rs.getString(1), rs.getString(2))).list();
    return current;
  }

  public int nextVersion(String source) {
    return jdbc.sql("select coalesce(max(version), 0) + 1 from restricted_party_import where source = ?").param(source)
        .query(Integer.class).single();
  }

  public void insertImport(ListImport i) {
    jdbc.sql("""
        insert into restricted_party_import (id, source, version, imported_at, imported_by, entries, added, removed,
          unchanged, rescreen_status) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(i.id(), i.source(), i.version(), i.importedAt(), i.importedBy(), i.entries(), i.added(), i.removed(),
            i.unchanged(), i.rescreenStatus())
        .update();
  }

  public void insertEntries(String importId, List<ListEntry> entries) {
    template.batchUpdate("""
        insert into restricted_party_entry (import_id, source, entry_id, name, alt_names, country, listed_on, reason)
        values (?, ?, ?, ?, ?, ?, ?, ?)""", entries, 1000, (PreparedStatement ps, ListEntry e) -> {
          ps.setString(1, importId);
          ps.setString(2, e.source());
          ps.setString(3, e.entryId());
          ps.setString(4, e.name());
          ps.setString(5, e.altNames().isEmpty() ? null : String.join(";", e.altNames()));
          ps.setString(6, e.country());
          ps.setDate(7, Date.valueOf(e.listedOn()));
          ps.setString(8, e.reason());
        });
  }

  public List<ListEntry> entriesOf(Collection<String> importIds) {
    if (importIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select * from restricted_party_entry where import_id in (:ids) order by source, entry_id")
        .param("ids", importIds)
        .query((rs, n) -> {
          String alts = rs.getString("alt_names");
          return new ListEntry(rs.getString("source"), rs.getString("entry_id"), rs.getString("name"),
              alts == null ? List.of() : Arrays.asList(alts.split(";")), rs.getString("country"),
              rs.getDate("listed_on").toLocalDate(), rs.getString("reason"));
        }).list();
  }

  public Optional<ListImport> find(String importId) {
    return jdbc.sql("select * from restricted_party_import where id = ?").param(importId)
        .query((rs, n) -> {
          String reports = rs.getString("misuse_reports");
          return new ListImport(rs.getString("id"), rs.getString("source"), rs.getInt("version"),
              rs.getObject("imported_at", OffsetDateTime.class), rs.getString("imported_by"), rs.getInt("entries"),
              rs.getInt("added"), rs.getInt("removed"), rs.getInt("unchanged"), rs.getString("rescreen_status"),
              (Integer) rs.getObject("rescreened"), (Integer) rs.getObject("new_matches"),
              reports == null || reports.isEmpty() ? List.of() : List.of(reports.split(",")),
              rs.getObject("rescreened_at", OffsetDateTime.class));
        }).optional();
  }

  public void finishRescreen(String importId, int rescreened, int newMatches, List<String> misuseReports,
      OffsetDateTime at) {
    jdbc.sql("""
        update restricted_party_import set rescreen_status = 'FINISHED', rescreened = ?, new_matches = ?,
          misuse_reports = ?, rescreened_at = ? where id = ?""")
        .params(rescreened, newMatches, String.join(",", misuseReports), at, importId).update();
  }

  /**
   * Records that the subject matched the entry, unless it had matched it before (under any version of
   * the list). True when the match is new.
   */
  public boolean recordMatch(String kind, String subject, PartyMatch match, String importId, OffsetDateTime at) {
    Integer known = jdbc.sql("""
        select count(*) from restricted_party_match where subject_kind = ? and subject = ? and source = ? and entry_id = ?""")
        .params(kind, subject, match.source(), match.entryId()).query(Integer.class).single();
    if (known > 0) {
      return false;
    }
    jdbc.sql("""
        insert into restricted_party_match (id, subject_kind, subject, source, entry_id, entry_name, score, import_id,
          matched_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(UUID.randomUUID().toString(), kind, subject, match.source(), match.entryId(), match.name(),
            match.score(), importId, at)
        .update();
    return true;
  }

  public void setMisuseReport(String kind, String subject, PartyMatch match, String report) {
    jdbc.sql("update restricted_party_match set misuse_report = ? where subject_kind = ? and subject = ? and source = ? and entry_id = ?")
        .params(report, kind, subject, match.source(), match.entryId()).update();
  }

  /** The entries each of these subjects matched, in the order found. */
  public Map<String, List<PartyMatch>> matchesOf(String kind, Collection<String> subjects) {
    Map<String, List<PartyMatch>> matches = new LinkedHashMap<>();
    if (subjects.isEmpty()) {
      return matches;
    }
    jdbc.sql("""
        select m.subject, m.source, m.entry_id, m.entry_name, m.score, e.country, e.listed_on, e.reason
        from restricted_party_match m
        left join restricted_party_entry e on e.import_id = m.import_id and e.entry_id = m.entry_id
        where m.subject_kind = :kind and m.subject in (:subjects) order by m.matched_at, m.source, m.entry_id""")
        .param("kind", kind).param("subjects", subjects)
        .query((rs, n) -> matches.computeIfAbsent(rs.getString("subject"), s -> new ArrayList<>())
            .add(new PartyMatch(rs.getString("source"), rs.getString("entry_id"), rs.getString("entry_name"),
                rs.getString("country"), rs.getDouble("score"),
                rs.getDate("listed_on") == null ? null : rs.getDate("listed_on").toLocalDate(), rs.getString("reason"))))
        .list();
    return matches;
  }

  /** A party the re-screening screens: a live license's or an open application's end user. */
  public record Party(String subject, String applicationId, String reference, String endUserName, String country) {}

  /** Every ACTIVE or SUSPENDED license, by number, with its end user. */
  public List<Party> liveLicenses() {
    return jdbc.sql("""
        select l.license_number, a.id, a.reference, a.end_user_name, a.end_user_country from license l
        join application a on a.id = l.application_id where l.status in ('ACTIVE', 'SUSPENDED') order by l.license_number""")
        .query((rs, n) -> new Party(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
        .list();
  }

  /**
   * Every application under review (a reviewer's question to the applicant included), awaiting its
   * decision or a compliance check, by id.
   */
  public List<Party> applicationsUnderReview() {
    return jdbc.sql("""
        select a.id, a.reference, a.end_user_name, a.end_user_country from application a
        where a.status in ('IN_REVIEW', 'INFORMATION_REQUESTED', 'AWAITING_DECISION', 'AWAITING_COMPLIANCE_CHECK')
        order by a.reference""")
        .query((rs, n) -> new Party(rs.getString(1), rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
  }
}
