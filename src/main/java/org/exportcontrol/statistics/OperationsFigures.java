package org.exportcontrol.statistics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The agency's performance: what is open now, how long decisions took, where work is overdue. Read
 * from the project's tables and the engine's (open and finished tasks, their candidate groups and
 * due dates), without the engine's authorizations: the figures count cases, they show none.
 *
 * <p>Decision time: the working days ({@link WorkingDays}) from the day of submission to the day of
 * the decision, with the clock stopped while a question to the applicant was open (from the day it
 * was asked to the day it was answered, or to the decision if it never was). The screening's own
 * refusals take no one's time and are counted apart ({@code byScreening}), not in the distribution.
 */
@Service
public class OperationsFigures {

  /** The statuses of an open case: screening, review, decision or appeal still to come. */
  static final List<String> OPEN_STATUSES = List.of("AWAITING_COMPLIANCE_CHECK", "INFORMATION_REQUESTED", "IN_REVIEW",
      "AWAITING_DECISION", "UNDER_APPEAL");

  /** The UK's service targets: decided within 20 and within 60 working days. */
  public static final int TARGET_DAYS = 20;
  public static final int OUTER_TARGET_DAYS = 60;

  /** The decision-time distribution's buckets: up to 5, 10, 20, 40, 60 working days, and more. */
  static final int[] BUCKETS = {5, 10, 20, 40, 60};

  public record Operations(Instant asOf, OpenCases openCases, Decisions decisions, Map<String, StepTime> timePerStep,
      Overdue overdueTasks) {}

  public record OpenCases(long total, Map<String, Long> byStatus, Map<String, Long> byStep) {}

  public record Decisions(LocalDate from, LocalDate to, int count, int byScreening, Double medianWorkingDays,
      Double p90WorkingDays, Double shareWithin20WorkingDays, Double shareWithin60WorkingDays,
      List<Bucket> distribution) {}

  public record Bucket(String workingDays, int decisions) {}

  public record StepTime(int completed, Double medianWorkingDays, Double p90WorkingDays) {}

  public record Overdue(long total, Map<String, Long> byGroup) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ZoneId zone;
  private final WorkingDays workingDays;

  public OperationsFigures(JdbcClient jdbc, Clock clock, ZoneId zone, CalendarProperties calendar) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = zone;
    this.workingDays = new WorkingDays(calendar.holidays());
  }

  public Operations operations(LocalDate from, LocalDate to) {
    return new Operations(Instant.now(clock), openCases(), decisions(from, to), timePerStep(from, to), overdue());
  }

  public OpenCases openCases() {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (String status : OPEN_STATUSES) {
      byStatus.put(status, 0L);
    }
    jdbc.sql("select status, count(*) from application where status in ('AWAITING_COMPLIANCE_CHECK',"
            + " 'INFORMATION_REQUESTED', 'IN_REVIEW', 'AWAITING_DECISION', 'UNDER_APPEAL') group by status")
        .query(rs -> {
          byStatus.put(rs.getString(1), rs.getLong(2));
        });
    Map<String, Long> byStep = new TreeMap<>();
    jdbc.sql("select TASK_DEF_KEY_, count(distinct PROC_INST_ID_) from ACT_RU_TASK group by TASK_DEF_KEY_")
        .query(rs -> {
          byStep.put(rs.getString(1), rs.getLong(2));
        });
    return new OpenCases(byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus, byStep);
  }

  public Overdue overdue() {
    Map<String, Long> byGroup = new TreeMap<>();
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql("""
            select coalesce(l.GROUP_ID_, '(no group)'), count(distinct t.ID_) from ACT_RU_TASK t
              left join ACT_RU_IDENTITYLINK l on l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate' and l.GROUP_ID_ is not null
            where t.DUE_DATE_ < ? group by coalesce(l.GROUP_ID_, '(no group)')""")
        .param(now)
        .query(rs -> {
          byGroup.put(rs.getString(1), rs.getLong(2));
        });
    long total = jdbc.sql("select count(*) from ACT_RU_TASK where DUE_DATE_ < ?").param(now).query(Long.class).single();
    return new Overdue(total, byGroup);
  }

  public Decisions decisions(LocalDate from, LocalDate to) {
    record Decided(String id, OffsetDateTime submitted, OffsetDateTime decided, String by) {}
    List<Decided> decided = jdbc.sql("""
            select id, submitted_at, decided_at, decided_by from application
            where decision_outcome is not null and decided_at >= ? and decided_at < ?""")
        .params(start(from), start(to.plusDays(1)))
        .query((rs, i) -> new Decided(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
            rs.getObject(3, OffsetDateTime.class), rs.getString(4)))
        .list();
    Map<String, List<WorkingDays.Stop>> stops = new HashMap<>();
    if (!decided.isEmpty()) {
      jdbc.sql("""
              select r.application_id, r.asked_at, r.answered_at, a.decided_at from information_request r
                join application a on a.id = r.application_id
              where a.decision_outcome is not null and a.decided_at >= ? and a.decided_at < ?""")
          .params(start(from), start(to.plusDays(1)))
          .query(rs -> {
            OffsetDateTime answered = rs.getObject(3, OffsetDateTime.class);
            OffsetDateTime until = answered != null ? answered : rs.getObject(4, OffsetDateTime.class);
            stops.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                .add(new WorkingDays.Stop(day(rs.getObject(2, OffsetDateTime.class)), day(until)));
          });
    }
    List<Integer> days = new ArrayList<>();
    int byScreening = 0;
    for (Decided d : decided) {
      if ("screening".equals(d.by())) {
        byScreening++;
        continue;
      }
      days.add(workingDays.between(day(d.submitted()), day(d.decided()), stops.getOrDefault(d.id(), List.of())));
    }
    List<Bucket> distribution = new ArrayList<>();
    int lower = 0;
    for (int upper : BUCKETS) {
      int l = lower;
      distribution.add(new Bucket(l + "-" + upper, (int) days.stream().filter(x -> x >= l && x <= upper).count()));
      lower = upper + 1;
    }
    int beyond = lower;
    distribution.add(new Bucket("over " + (beyond - 1), (int) days.stream().filter(x -> x >= beyond).count()));
    return new Decisions(from, to, decided.size(), byScreening, median(days), percentile(days, 90),
        share(days, TARGET_DAYS), share(days, OUTER_TARGET_DAYS), distribution);
  }

  /** Per user task (by its id in the diagram), the working days of those completed in the period. */
  public Map<String, StepTime> timePerStep(LocalDate from, LocalDate to) {
    Map<String, List<Integer>> byStep = new TreeMap<>();
    jdbc.sql("""
            select TASK_DEF_KEY_, START_TIME_, END_TIME_ from ACT_HI_TASKINST
            where END_TIME_ >= ? and END_TIME_ < ? and DELETE_REASON_ = 'completed'""")
        .params(Timestamp.from(start(from).toInstant()), Timestamp.from(start(to.plusDays(1)).toInstant()))
        .query(rs -> {
          LocalDate started = rs.getTimestamp(2).toInstant().atZone(zone).toLocalDate();
          LocalDate ended = rs.getTimestamp(3).toInstant().atZone(zone).toLocalDate();
          byStep.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(workingDays.between(started, ended));
        });
    Map<String, StepTime> times = new LinkedHashMap<>();
    byStep.forEach((step, days) -> times.put(step, new StepTime(days.size(), median(days), percentile(days, 90))));
    return times;
  }

  /** A decision by a person: how long it took, in time and in working days with the clock stopped. */
  public record DecisionTime(java.time.Duration elapsed, int workingDays) {}

  /** The decisions by a person made after {@code after} up to {@code upTo}. */
  public List<DecisionTime> decisionsBetween(OffsetDateTime after, OffsetDateTime upTo) {
    record Decided(String id, OffsetDateTime submitted, OffsetDateTime decided) {}
    List<Decided> decided = jdbc.sql("""
            select id, submitted_at, decided_at from application
            where decision_outcome is not null and decided_by <> 'screening' and decided_at > ? and decided_at <= ?""")
        .params(after, upTo)
        .query((rs, i) -> new Decided(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class)))
        .list();
    List<DecisionTime> times = new ArrayList<>();
    for (Decided d : decided) {
      List<WorkingDays.Stop> stops = jdbc.sql("select asked_at, answered_at from information_request where application_id = ?")
          .param(d.id())
          .query((rs, i) -> {
            OffsetDateTime answered = rs.getObject(2, OffsetDateTime.class);
            return new WorkingDays.Stop(day(rs.getObject(1, OffsetDateTime.class)), day(answered != null ? answered : d.decided()));
          }).list();
      times.add(new DecisionTime(java.time.Duration.between(d.submitted(), d.decided()),
          workingDays.between(day(d.submitted()), day(d.decided()), stops)));
    }
    return times;
  }

  private OffsetDateTime start(LocalDate day) {
    return day.atStartOfDay(zone).toOffsetDateTime();
  }

  private LocalDate day(OffsetDateTime at) {
    return at.atZoneSameInstant(zone).toLocalDate();
  }

  static Double median(List<Integer> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Integer> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  /** The nearest-rank percentile: the smallest value that at least p % of the values do not exceed. */
  static Double percentile(List<Integer> values, int p) {
    if (values.isEmpty()) {
      return null;
    }
    List<Integer> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return (double) sorted.get(Math.max(rank, 1) - 1);
  }

  static Double share(List<Integer> values, int withinDays) {
    if (values.isEmpty()) {
      return null;
    }
    double share = values.stream().filter(d -> d <= withinDays).count() / (double) values.size();
    return Math.round(share * 1000) / 1000.0;
  }
}
