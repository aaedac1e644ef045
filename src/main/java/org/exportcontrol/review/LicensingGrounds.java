package org.exportcontrol.review;

import static org.exportcontrol.audit.DecisionLog.details;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.exportcontrol.application.Application;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ApplicationStatus;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.DecisionLogEntry;
import org.exportcontrol.identity.Groups;
import org.springframework.stereotype.Component;

/**
 * What the decision log must show before an application is approved (a license issued) or refused
 * after review, whoever or whatever drives the process there: a modification, a migration or a job
 * reaches the delegates as easily as a completed task does. Checked in the delegate's own
 * transaction; the decision a moment before in the same transaction counts.
 */
@Component
public class LicensingGrounds {

  private final ApplicationRepository applications;
  private final DecisionLog decisionLog;

  public LicensingGrounds(ApplicationRepository applications, DecisionLog decisionLog) {
    this.applications = applications;
    this.decisionLog = decisionLog;
  }

  /** An application awaiting its decision and the decision that rests on the record. */
  public record Decided(Application application, DecisionLogEntry decision) {}

  /**
   * The case's application, awaiting a decision, with the approving decision (and, for the ENHANCED
   * tier, its countersignature); otherwise a refusal.
   */
  public Decided requireApproval(DelegateExecution execution) {
    Map<String, Object> context = where(execution);
    Application application = application(execution, context);
    String reference = application.reference();
    Grounds grounds = grounds(reference, context);
    if (!"APPROVE".equals(grounds.decision.detail("outcome"))) {
      throw decisionLog.refusal(reference, "no licensing officer approved the application", context);
    }
    if ("ENHANCED".equals(application.countryTier())) {
      DecisionLogEntry countersignature = grounds.countersignature(this, reference, context);
      if (!"APPROVE".equals(countersignature.detail("outcome"))) {
        throw decisionLog.refusal(reference, "the approval of an ENHANCED case was not countersigned", context);
      }
    }
    return new Decided(awaitingDecision(application, context), grounds.decision);
  }

  /** The case's application, awaiting a decision, with the decision or countersignature that refused it. */
  public Decided requireRefusal(DelegateExecution execution) {
    Map<String, Object> context = where(execution);
    Application application = application(execution, context);
    String reference = application.reference();
    Grounds grounds = grounds(reference, context);
    DecisionLogEntry refusal = "REJECT".equals(grounds.decision.detail("outcome")) ? grounds.decision
        : grounds.countersignature(this, reference, context);
    if (!"REJECT".equals(refusal.detail("outcome"))) {
      throw decisionLog.refusal(reference, "no licensing officer refused the application", context);
    }
    return new Decided(awaitingDecision(application, context), refusal);
  }

  private Application application(DelegateExecution execution, Map<String, Object> context) {
    return applications.find((String) execution.getVariable(ExportLicenseReviewProcess.APPLICATION_ID))
        .orElseThrow(() -> decisionLog.refusal(execution.getProcessBusinessKey(), "no such application", context));
  }

  private Application awaitingDecision(Application application, Map<String, Object> context) {
    if (application.status() != ApplicationStatus.AWAITING_DECISION) {
      throw decisionLog.refusal(application.reference(), "the application is " + application.status()
          + ", not awaiting a decision", context);
    }
    return application;
  }

  private Grounds grounds(String reference, Map<String, ?> context) {
    List<DecisionLogEntry> entries = decisionLog.entries(reference);
    Set<String> reviewers = new HashSet<>();
    int lastReview = -1;
    for (String step : ExportLicenseReviewProcess.REVIEWS) {
      int latest = latest(entries, DecisionAction.REVIEW_RECORDED, step, 0);
      if (latest < 0) {
        throw decisionLog.refusal(reference, "the " + step + " is not on record", context);
      }
      DecisionLogEntry review = entries.get(latest);
      if (Recommendation.REQUEST_INFORMATION.name().equals(review.detail("recommendation"))) {
        throw decisionLog.refusal(reference, "the " + step + " still awaits the applicant's answer", context);
      }
      if (!review.actorIn(ExportLicenseReviewProcess.groupOf(step))) {
        throw decisionLog.refusal(reference, "the " + step + " was recorded by " + review.actor()
            + ", who is not in " + ExportLicenseReviewProcess.groupOf(step), context);
      }
      lastReview = Math.max(lastReview, latest);
    }
    entries.stream().filter(e -> e.action() == DecisionAction.REVIEW_RECORDED).forEach(e -> reviewers.add(e.actor()));
    int decided = latest(entries, DecisionAction.DECIDED, null, lastReview + 1);
    if (decided < 0) {
      throw decisionLog.refusal(reference, "no licensing decision after the reviews is on record", context);
    }
    DecisionLogEntry decision = entries.get(decided);
    if (!decision.actorIn(Groups.LICENSING_OFFICERS) || reviewers.contains(decision.actor())) {
      throw decisionLog.refusal(reference, "the licensing decision was recorded by " + decision.actor()
          + ", who is not a licensing officer independent of the reviews", context);
    }
    return new Grounds(entries, decided, decision, reviewers);
  }

  private record Grounds(List<DecisionLogEntry> entries, int decided, DecisionLogEntry decision, Set<String> reviewers) {

    DecisionLogEntry countersignature(LicensingGrounds owner, String reference, Map<String, ?> context) {
      int countersigned = latest(entries, DecisionAction.COUNTERSIGNED, null, decided + 1);
      if (countersigned < 0) {
        throw owner.decisionLog.refusal(reference, "no countersignature after the licensing decision is on record", context);
      }
      DecisionLogEntry countersignature = entries.get(countersigned);
      if (!countersignature.actorIn(Groups.LICENSING_OFFICERS) || countersignature.actor().equals(decision.actor())
          || reviewers.contains(countersignature.actor())) {
        throw owner.decisionLog.refusal(reference, "the countersignature was recorded by " + countersignature.actor()
            + ", who is not a second licensing officer independent of the decision and the reviews", context);
      }
      return countersignature;
    }
  }

  /** The index of the latest entry of this action (and review step) at or after {@code from}, or -1. */
  private static int latest(List<DecisionLogEntry> entries, DecisionAction action, String step, int from) {
    for (int i = entries.size() - 1; i >= from; i--) {
      DecisionLogEntry entry = entries.get(i);
      if (entry.action() == action && (step == null || step.equals(entry.detail("step")))) {
        return i;
      }
    }
    return -1;
  }

  /** What a refusal names besides its reason: where in which process it happened. */
  private static Map<String, Object> where(DelegateExecution execution) {
    return details("processInstanceId", execution.getProcessInstanceId(), "activity", execution.getCurrentActivityId());
  }

}
