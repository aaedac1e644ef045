package org.exportcontrol.misuse;

import static org.exportcontrol.audit.DecisionLog.details;
import static org.exportcontrol.engine.TaskFields.bool;
import static org.exportcontrol.engine.TaskFields.completingUser;
import static org.exportcontrol.engine.TaskFields.oneOf;
import static org.exportcontrol.engine.TaskFields.requiredText;
import static org.exportcontrol.engine.TaskFields.text;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.TaskFields;
import org.exportcontrol.engine.TaskRuleViolation;
import org.exportcontrol.license.License;
import org.exportcontrol.license.LicenseRepository;
import org.exportcontrol.license.LicenseStatus;
import org.springframework.stereotype.Component;

/**
 * The rules of completing a misuse report's tasks, attached like
 * {@link org.exportcontrol.review.TaskRules}: required fields (400), the findings recorded on the
 * report, and every decision in the decision log. Who may take each task is the task gate's job
 * ({@link EnforcementSeparationOfDuties}: the investigator does not decide the action).
 */
@Component
public class EnforcementTaskRules extends AbstractBpmnParseListener {

  private final MisuseReportRepository reports;
  private final LicenseRepository licenses;
  private final DecisionLog decisionLog;

  public EnforcementTaskRules(MisuseReportRepository reports, LicenseRepository licenses, DecisionLog decisionLog) {
    this.reports = reports;
    this.licenses = licenses;
    this.decisionLog = decisionLog;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    String process = ((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey();
    TaskListener rule = null;
    if (MisuseReportProcess.KEY.equals(process)) {
      rule = switch (activity.getId()) {
        case MisuseReportProcess.TRIAGE -> this::triage;
        case MisuseReportProcess.INVESTIGATE -> this::investigate;
        case MisuseReportProcess.DECIDE_ACTION -> this::decideAction;
        case MisuseReportProcess.REVIEW_SUSPENSION -> this::reviewSuspension;
        default -> null;
      };
    }
    if (rule != null) {
      TaskListener checked = rule;
      TaskFields.onComplete(activity, task -> {
        completingUser(task);
        checked.notify(task);
      });
    }
  }

  void triage(DelegateTask task) {
    boolean credible = bool(task, MisuseReportProcess.CREDIBLE, "the report is credible");
    String severity = credible ? oneOf(task, MisuseReportProcess.SEVERITY, "the severity: it is required when the report is credible", Severity.class)
        : text(task, MisuseReportProcess.SEVERITY);
    // A critical report suspends the license at once: a sanction, so it states why (issue 21, 5).
    String rationale = credible && Severity.CRITICAL.name().equals(severity)
        ? requiredText(task, MisuseReportProcess.TRIAGE_RATIONALE, "Please say why the license must be "
            + "suspended at once: a critical severity suspends it before the investigation, so the reason is required.")
        : text(task, MisuseReportProcess.TRIAGE_RATIONALE);
    reports.recordTriage(reportId(task), credible, severity);
    decisionLog.record(reference(task), DecisionAction.TRIAGED, details("credible", credible, "severity", severity,
        "rationale", rationale));
  }

  void investigate(DelegateTask task) {
    String finding = oneOf(task, MisuseReportProcess.FINDING, "the finding", Finding.class);
    String summary = requiredText(task, MisuseReportProcess.INVESTIGATION_SUMMARY,
        "Please summarise the investigation: the summary is required, and the officer deciding the action reads it.");
    reports.recordFinding(reportId(task), finding, summary);
    task.setVariable(MisuseReportProcess.INVESTIGATED_BY, completingUser(task));
    decisionLog.record(reference(task), DecisionAction.INVESTIGATED, details("finding", finding, "summary", summary));
  }

  void decideAction(DelegateTask task) {
    String action = oneOf(task, MisuseReportProcess.MISUSE_ACTION, "the action", MisuseAction.class);
    String rationale = requiredText(task, MisuseReportProcess.ACTION_RATIONALE,
        "Please give your rationale: every action on a license must say why.");
    String licenseNumber = (String) task.getVariable(MisuseReportProcess.LICENSE_NUMBER);
    License license = licenses.find(licenseNumber).orElseThrow();
    // a surrendered license cannot be suspended any more, but misuse found after the surrender still revokes it
    if (MisuseAction.SUSPEND.name().equals(action) && !license.inForce()
        || MisuseAction.REVOKE.name().equals(action) && !license.revocable()) {
      throw new TaskRuleViolation(MisuseReportProcess.MISUSE_ACTION, "The license is " + license.status()
          + "; it can no longer be "
          + (MisuseAction.SUSPEND.name().equals(action) ? "suspended" : "revoked") + ". Please choose another action.");
    }
    reports.recordAction(reportId(task), action, rationale);
    task.setVariable(MisuseReportProcess.REVOCATION_REASON, "Misuse report " + reference(task) + ": " + rationale);
    decisionLog.record(reference(task), DecisionAction.ACTION_DECIDED,
        details("action", action, "rationale", rationale, "licenseNumber", licenseNumber));
  }

  /**
   * The review of a decided suspension: reinstating needs a license that is still suspended, revoking
   * one that is still in force or surrendered (or already revoked, by another report: the report then closes as
   * revoked, which is true); a license that ended otherwise meanwhile is closed. Either way the officer says why, and a revocation's reason is this
   * review's rationale, not the earlier suspension's.
   */
  void reviewSuspension(DelegateTask task) {
    String outcome = oneOf(task, MisuseReportProcess.SUSPENSION_OUTCOME, "the outcome of the review", SuspensionOutcome.class);
    String rationale = requiredText(task, MisuseReportProcess.SUSPENSION_REVIEW_RATIONALE,
        "Please give your rationale: the review of a suspension must say why it reinstates, revokes or closes.");
    String licenseNumber = (String) task.getVariable(MisuseReportProcess.LICENSE_NUMBER);
    License license = licenses.find(licenseNumber).orElseThrow();
    if (SuspensionOutcome.REINSTATE.name().equals(outcome) && license.status() != LicenseStatus.SUSPENDED) {
      throw new TaskRuleViolation(MisuseReportProcess.SUSPENSION_OUTCOME, "The license is " + license.status()
          + "; it can no longer be reinstated. Please choose another outcome.");
    }
    if (SuspensionOutcome.REVOKE.name().equals(outcome) && !license.revocable() && license.status() != LicenseStatus.REVOKED) {
      throw new TaskRuleViolation(MisuseReportProcess.SUSPENSION_OUTCOME, "The license is " + license.status()
          + "; it can no longer be revoked. Please choose another outcome.");
    }
    if (SuspensionOutcome.CLOSE.name().equals(outcome) && license.inForce()) {
      throw new TaskRuleViolation(MisuseReportProcess.SUSPENSION_OUTCOME, "The license is " + license.status()
          + "; please reinstate or revoke it.");
    }
    if (SuspensionOutcome.REVOKE.name().equals(outcome)) {
      task.setVariable(MisuseReportProcess.REVOCATION_REASON, "Misuse report " + reference(task)
          + ", review of the suspension: " + rationale);
    }
    decisionLog.record(reference(task), DecisionAction.SUSPENSION_REVIEWED,
        details("outcome", outcome, "rationale", rationale, "licenseNumber", licenseNumber));
  }

  private static String reportId(DelegateTask task) {
    return (String) task.getVariable(MisuseReportProcess.REPORT_ID);
  }

  private static String reference(DelegateTask task) {
    return (String) task.getVariable(MisuseReportProcess.REFERENCE);
  }
}
