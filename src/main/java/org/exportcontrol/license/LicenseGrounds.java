package org.exportcontrol.license;

import static org.exportcontrol.audit.DecisionLog.details;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.DecisionLogEntry;
import org.exportcontrol.identity.Groups;
import org.springframework.stereotype.Component;

/**
 * What the decision log must show before a license is suspended, lifted, reinstated or revoked, or
 * its shutdown recorded as verified, whoever or whatever drives the process to that step. The
 * decisions of a misuse report are entries of the report's reference (variable
 * {@value #REPORT_REFERENCE}); a revocation a licensing officer started by hand is a
 * {@code REVOCATION_REQUESTED} entry of the license. A step without its grounds changes nothing,
 * records an {@code INTEGRITY_REFUSAL} and fails (an incident in Cockpit).
 */
@Component
public class LicenseGrounds {

  /** The misuse report a step acts on, in the misuse report's and the revocation's variables. */
  public static final String REPORT_REFERENCE = "misuseReference";

  private final DecisionLog decisionLog;

  public LicenseGrounds(DecisionLog decisionLog) {
    this.decisionLog = decisionLog;
  }

  /** An interim suspension: a compliance officer triaged the report as credible and CRITICAL. */
  public DecisionLogEntry interimSuspension(DelegateExecution execution) {
    String report = report(execution);
    return latest(report, e -> e.action() == DecisionAction.TRIAGED)
        .filter(e -> "true".equals(e.detail("credible")) && "CRITICAL".equals(e.detail("severity"))
            && e.actorIn(Groups.COMPLIANCE_OFFICERS))
        .orElseThrow(() -> refuse(execution, report, "no compliance officer triaged report " + report + " as critical"));
  }

  /** A suspension decided on a report: a substantiated finding, then an officer's SUSPEND. */
  public DecisionLogEntry decidedSuspension(DelegateExecution execution) {
    return decidedAction(execution, "SUSPEND");
  }

  /** Lifting a suspension: an unsubstantiated finding, a warning instead, or a review that reinstates. */
  public DecisionLogEntry lifting(DelegateExecution execution) {
    String report = report(execution);
    return latest(report, e -> e.action() == DecisionAction.INVESTIGATED || e.action() == DecisionAction.ACTION_DECIDED
        || e.action() == DecisionAction.SUSPENSION_REVIEWED)
        .filter(e -> e.action() == DecisionAction.INVESTIGATED
            ? "UNSUBSTANTIATED".equals(e.detail("finding")) && e.actorIn(Groups.COMPLIANCE_OFFICERS)
            : e.action() == DecisionAction.ACTION_DECIDED
                ? "WARN".equals(e.detail("action")) && e.actorIn(Groups.LICENSING_OFFICERS)
                : "REINSTATE".equals(e.detail("outcome")) && e.actorIn(Groups.LICENSING_OFFICERS))
        .orElseThrow(() -> refuse(execution, report, "nothing on record for report " + report + " lifts the suspension"));
  }

  /**
   * A revocation: an officer's REVOKE on a substantiated report, a suspension review that revokes, or
   * a licensing officer's request to revoke that started this very process.
   */
  public DecisionLogEntry revocation(DelegateExecution execution, String licenseNumber) {
    if (execution.getVariable(REPORT_REFERENCE) == null) {
      return latest(licenseNumber, e -> e.action() == DecisionAction.REVOCATION_REQUESTED
          && execution.getProcessInstanceId().equals(e.detail("processInstanceId")))
          .filter(e -> e.actorIn(Groups.LICENSING_OFFICERS))
          .orElseThrow(() -> refuse(execution, licenseNumber, "no licensing officer requested this revocation"));
    }
    String report = report(execution);
    Optional<DecisionLogEntry> reviewed = latest(report, e -> e.action() == DecisionAction.SUSPENSION_REVIEWED);
    if (reviewed.isPresent() && "REVOKE".equals(reviewed.get().detail("outcome"))
        && reviewed.get().actorIn(Groups.LICENSING_OFFICERS) && licenseNumber.equals(reviewed.get().detail("licenseNumber"))) {
      return reviewed.get();
    }
    DecisionLogEntry decided = decidedAction(execution, "REVOKE");
    if (!licenseNumber.equals(decided.detail("licenseNumber"))) {
      throw refuse(execution, report, "report " + report + " decided on license " + decided.detail("licenseNumber")
          + ", not " + licenseNumber);
    }
    return decided;
  }

  /** A verified shutdown: a technical reviewer verified it after the exporter's latest confirmation. */
  public DecisionLogEntry verifiedShutdown(DelegateExecution execution, String licenseNumber) {
    return latest(licenseNumber, e -> e.action() == DecisionAction.SHUTDOWN_CONFIRMED
        || e.action() == DecisionAction.SHUTDOWN_VERIFIED || e.action() == DecisionAction.SHUTDOWN_REJECTED)
        .filter(e -> e.action() == DecisionAction.SHUTDOWN_VERIFIED && e.actorIn(Groups.TECHNICAL_REVIEWERS))
        .orElseThrow(() -> refuse(execution, licenseNumber,
            "no technical reviewer verified the shutdown after the exporter's latest confirmation"));
  }

  /** Refuses a step for a reason other than a missing decision (a deadline not yet passed, say). */
  public RuntimeException refuse(DelegateExecution execution, String subject, String reason) {
    return decisionLog.refusal(subject, reason, details("processInstanceId", execution.getProcessInstanceId(),
        "activity", execution.getCurrentActivityId()));
  }

  private DecisionLogEntry decidedAction(DelegateExecution execution, String action) {
    String report = report(execution);
    List<DecisionLogEntry> entries = decisionLog.entries(report);
    int decided = lastIndex(entries, e -> e.action() == DecisionAction.ACTION_DECIDED);
    DecisionLogEntry decision = decided < 0 ? null : entries.get(decided);
    if (decision == null || !action.equals(decision.detail("action")) || !decision.actorIn(Groups.LICENSING_OFFICERS)) {
      throw refuse(execution, report, "no licensing officer decided " + action + " on report " + report);
    }
    int investigated = lastIndex(entries.subList(0, decided), e -> e.action() == DecisionAction.INVESTIGATED);
    DecisionLogEntry finding = investigated < 0 ? null : entries.get(investigated);
    if (finding == null || !"SUBSTANTIATED".equals(finding.detail("finding")) || !finding.actorIn(Groups.COMPLIANCE_OFFICERS)
        || finding.actor().equals(decision.actor())) {
      throw refuse(execution, report, "report " + report + " has no substantiated finding by a compliance officer "
          + "other than the deciding officer");
    }
    return decision;
  }

  private String report(DelegateExecution execution) {
    Object report = execution.getVariable(REPORT_REFERENCE);
    if (!(report instanceof String reference) || reference.isBlank()) {
      throw decisionLog.refusal(String.valueOf(execution.getProcessBusinessKey()), "the step names no misuse report",
          details("processInstanceId", execution.getProcessInstanceId(), "activity", execution.getCurrentActivityId()));
    }
    return reference;
  }

  private Optional<DecisionLogEntry> latest(String subject, Predicate<DecisionLogEntry> which) {
    List<DecisionLogEntry> entries = decisionLog.entries(subject);
    int index = lastIndex(entries, which);
    return index < 0 ? Optional.empty() : Optional.of(entries.get(index));
  }

  private static int lastIndex(List<DecisionLogEntry> entries, Predicate<DecisionLogEntry> which) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (which.test(entries.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
