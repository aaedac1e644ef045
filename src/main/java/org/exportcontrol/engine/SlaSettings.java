package org.exportcontrol.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * {@code ${sla.…}} in diagrams: the configured deadlines, so that an administrator changes a deadline
 * in configuration, not in the diagram. Every official step (a user task) has a deadline: its
 * {@code camunda:dueDate} is {@code ${sla.dueDate('step')}}, and a non-interrupting timer with cycle
 * {@code ${sla.watch('step')}} fires a reminder before the deadline and an escalation after it, again
 * and again until the task is done ({@code DeadlineNoticeDelegate}).
 */
@Component("sla")
@ProcessBean
public class SlaSettings {

  /** The deadlines of the official steps when configuration names none (docs/api.md). */
  public static final Map<String, Duration> DEFAULT_DEADLINES = defaults();

  private final SlaProperties sla;
  private final Map<String, Duration> deadlines = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final Clock clock;

  public SlaSettings(SlaProperties sla, Clock clock) {
    this.sla = sla;
    this.clock = clock;
    if (!sla.applicantReminder().minus(sla.applicantResponse()).isNegative()) {
      throw new IllegalStateException("exportcontrol.sla.applicant-reminder (" + sla.applicantReminder()
          + ") must be shorter than exportcontrol.sla.applicant-response (" + sla.applicantResponse() + ")");
    }
    if (!positive(sla.appealWindow()) || !positive(sla.appealDecision())) {
      throw new IllegalStateException("exportcontrol.sla.appeal-window and exportcontrol.sla.appeal-decision must be positive");
    }
    if (sla.reminderBefore().isNegative() || sla.reminderBefore().isZero()) {
      throw new IllegalStateException("exportcontrol.sla.reminder-before must be positive");
    }
    deadlines.putAll(DEFAULT_DEADLINES);
    if (sla.deadlines() != null) {
      sla.deadlines().forEach((step, deadline) -> {
        if (!deadlines.containsKey(step)) {
          throw new IllegalStateException("exportcontrol.sla.deadlines." + step + ": no official step of that name; "
              + "the steps are " + DEFAULT_DEADLINES.keySet());
        }
        if (deadline.isNegative() || deadline.isZero()) {
          throw new IllegalStateException("exportcontrol.sla.deadlines." + step + " must be positive");
        }
        deadlines.put(step, deadline);
      });
    }
  }

  /** The applicant's deadline to answer, counted from the question. */
  public String getApplicantResponse() {
    return sla.applicantResponse().toString();
  }

  /** When the applicant is reminded: the reminder period before the deadline. */
  public String getApplicantReminderAfter() {
    return sla.applicantResponse().minus(sla.applicantReminder()).toString();
  }

  public String getSuspensionReview() {
    return sla.suspensionReview().toString();
  }

  public Duration applicantResponse() {
    return sla.applicantResponse();
  }

  public Duration shutdownDeadline() {
    return sla.shutdownDeadline();
  }

  /** How long the step may stay open. */
  public Duration deadline(String step) {
    Duration deadline = deadlines.get(step);
    if (deadline == null) {
      throw new IllegalArgumentException("No deadline for step '" + step + "'; the steps are " + deadlines.keySet());
    }
    return deadline;
  }

  /** The step's due date, counted from now (a task's creation): its {@code camunda:dueDate}. */
  public Date dueDate(String step) {
    return Date.from(now().plus(deadline(step)));
  }

  /**
   * The cycle of the step's deadline timer, ISO-8601 {@code R/<first>/<period>}: first one reminder
   * period before the deadline (half the deadline if that is shorter), then every period after it.
   */
  public String watch(String step) {
    Duration deadline = deadline(step);
    Duration before = sla.reminderBefore().compareTo(deadline) < 0 ? sla.reminderBefore() : deadline.dividedBy(2);
    Instant first = now().plus(deadline).minus(before);
    return "R/" + first + "/" + before;
  }

  /** How long after a licensing officer's refusal the applicant may appeal ({@code exportcontrol.sla.appeal-window}). */
  public Duration appealWindow() {
    return sla.appealWindow();
  }

  /**
   * The date by which an appeal received now is to be decided ({@code exportcontrol.sla.appeal-decision}):
   * both appeal steps are due then, so the assessment's delay shortens the decision's time, not the applicant's.
   */
  public Date appealDueDate() {
    return Date.from(now().plus(sla.appealDecision()));
  }

  /**
   * The cycle of a deadline timer for a step due at a fixed date (the appeal's steps): like
   * {@link #watch}, one reminder period before the due date (half the time left if that is shorter),
   * then every period after it.
   */
  public String watchUntil(Date due) {
    Instant dueAt = due.toInstant().truncatedTo(ChronoUnit.SECONDS);
    Duration left = Duration.between(now(), dueAt);
    Duration before = left.isNegative() || left.isZero() ? sla.reminderBefore()
        : sla.reminderBefore().compareTo(left) < 0 ? sla.reminderBefore() : left.dividedBy(2);
    return "R/" + dueAt.minus(before) + "/" + before;
  }

  /** How long before a deadline the reminder comes, and how often an overdue step is escalated again. */
  public Duration reminderBefore() {
    return sla.reminderBefore();
  }

  private static boolean positive(Duration duration) {
    return duration != null && !duration.isNegative() && !duration.isZero();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private static Map<String, Duration> defaults() {
    Map<String, Duration> defaults = new LinkedHashMap<>();
    defaults.put("technicalReview", Duration.ofDays(6));
    defaults.put("legalReview", Duration.ofDays(6));
    defaults.put("foreignAffairsReview", Duration.ofDays(6));
    defaults.put("licensingDecision", Duration.ofDays(5));
    defaults.put("countersignDecision", Duration.ofDays(3));
    defaults.put("restrictedPartyCheck", Duration.ofDays(3));
    defaults.put("triageMisuseReport", Duration.ofDays(2));
    defaults.put("investigateMisuse", Duration.ofDays(20));
    // an interim suspension is a sanction without a finding: its investigation comes first
    defaults.put("investigateMisuseCritical", Duration.ofDays(5));
    defaults.put("decideMisuseAction", Duration.ofDays(5));
    defaults.put("reviewSuspension", Duration.ofDays(5));
    defaults.put("notifyCustomerGovernment", Duration.ofDays(3));
    defaults.put("verifyShutdown", Duration.ofDays(3));
    return Collections.unmodifiableMap(defaults);
  }
}
