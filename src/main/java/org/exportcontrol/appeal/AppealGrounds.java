package org.exportcontrol.appeal;

import static org.exportcontrol.audit.DecisionLog.details;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.exportcontrol.application.Application;
import org.exportcontrol.application.ApplicationAppealProcess;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ApplicationStatus;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.DecisionLogEntry;
import org.exportcontrol.identity.Groups;
import org.springframework.stereotype.Component;

/**
 * What the decision log must show before an appeal changes its application, whoever or whatever
 * drives the process there (ADR 0017): the appeal submitted; after it, its assessment by a licensing
 * officer who took no part in the refusal (no review, decision or countersignature of the case); after
 * that, its decision with this outcome by another such officer. In place of the licensing decision,
 * these are what issuing a license on appeal rests on. A step without them changes nothing, records
 * an {@code INTEGRITY_REFUSAL} and fails.
 */
@Component
public class AppealGrounds {

  private final ApplicationRepository applications;
  private final DecisionLog decisionLog;

  public AppealGrounds(ApplicationRepository applications, DecisionLog decisionLog) {
    this.applications = applications;
    this.decisionLog = decisionLog;
  }

  /** The application under appeal, and the appeal's decision it rests on. */
  public record Decided(Application application, String appeal, DecisionLogEntry decision) {}

  public Decided require(DelegateExecution execution, String outcome) {
    Map<String, Object> context = details("processInstanceId", execution.getProcessInstanceId(),
        "activity", execution.getCurrentActivityId());
    String appeal = (String) execution.getVariable(ApplicationAppealProcess.APPEAL_REFERENCE);
    Application application = applications.find((String) execution.getVariable(ApplicationAppealProcess.APPLICATION_ID))
        .orElseThrow(() -> decisionLog.refusal(execution.getProcessBusinessKey(), "no such application", context));
    String reference = application.reference();
    if (application.status() != ApplicationStatus.UNDER_APPEAL) {
      throw decisionLog.refusal(reference, "the application is " + application.status() + ", not under appeal", context);
    }
    List<DecisionLogEntry> entries = decisionLog.entries(reference);
    int submitted = latest(entries, DecisionAction.APPEAL_SUBMITTED, appeal, 0);
    if (submitted < 0) {
      throw decisionLog.refusal(reference, "no appeal " + appeal + " is on record", context);
    }
    Set<String> refusers = new HashSet<>();
    for (DecisionLogEntry entry : entries.subList(0, submitted)) {
      if (entry.action() == DecisionAction.REVIEW_RECORDED || entry.action() == DecisionAction.DECIDED
          || entry.action() == DecisionAction.COUNTERSIGNED) {
        refusers.add(entry.actor());
      }
    }
    int assessed = latest(entries, DecisionAction.APPEAL_ASSESSED, appeal, submitted + 1);
    if (assessed < 0) {
      throw decisionLog.refusal(reference, "no assessment of appeal " + appeal + " is on record", context);
    }
    DecisionLogEntry assessment = entries.get(assessed);
    if (!assessment.actorIn(Groups.LICENSING_OFFICERS) || refusers.contains(assessment.actor())) {
      throw decisionLog.refusal(reference, "appeal " + appeal + " was assessed by " + assessment.actor()
          + ", who is not a licensing officer independent of the refusal", context);
    }
    int decidedAt = latest(entries, DecisionAction.APPEAL_DECIDED, appeal, assessed + 1);
    if (decidedAt < 0) {
      throw decisionLog.refusal(reference, "no decision on appeal " + appeal + " after its assessment is on record",
          context);
    }
    DecisionLogEntry decision = entries.get(decidedAt);
    if (!decision.actorIn(Groups.LICENSING_OFFICERS) || refusers.contains(decision.actor())
        || decision.actor().equals(assessment.actor())) {
      throw decisionLog.refusal(reference, "appeal " + appeal + " was decided by " + decision.actor()
          + ", who is not a second licensing officer independent of the refusal and the assessment", context);
    }
    if (!outcome.equals(decision.detail("outcome"))) {
      throw decisionLog.refusal(reference, "appeal " + appeal + " was decided " + decision.detail("outcome")
          + ", not " + outcome, context);
    }
    return new Decided(application, appeal, decision);
  }

  /** The index of the latest entry of this action about this appeal at or after {@code from}, or -1. */
  private static int latest(List<DecisionLogEntry> entries, DecisionAction action, String appeal, int from) {
    for (int i = entries.size() - 1; i >= from; i--) {
      DecisionLogEntry entry = entries.get(i);
      if (entry.action() == action && appeal != null && appeal.equals(entry.detail("appeal"))) {
        return i;
      }
    }
    return -1;
  }
}
