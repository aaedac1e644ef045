package org.exportcontrol.engine;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * {@code ${sla.…}} in timer events: the configured deadlines as ISO-8601 durations, so that an
 * administrator changes a deadline in configuration, not in the diagram.
 */
@Component("sla")
@ProcessBean
public class SlaSettings {

  private final SlaProperties sla;

  public SlaSettings(SlaProperties sla) {
    this.sla = sla;
    if (!sla.applicantReminder().minus(sla.applicantResponse()).isNegative()) {
      throw new IllegalStateException("exportcontrol.sla.applicant-reminder (" + sla.applicantReminder()
          + ") must be shorter than exportcontrol.sla.applicant-response (" + sla.applicantResponse() + ")");
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

  public String getReviewReminder() {
    return sla.reviewReminder().toString();
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
}
