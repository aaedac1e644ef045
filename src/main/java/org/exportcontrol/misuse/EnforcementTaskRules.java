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
    boolean credible = bool(task, MisuseReportProcess.CREDIBLE);
    String severity = credible ? oneOf(task, MisuseReportProcess.SEVERITY, Severity.class)
        : text(task, MisuseReportProcess.SEVERITY);
    reports.recordTriage(reportId(task), credible, severity);
    decisionLog.record(reference(task), DecisionAction.TRIAGED, details("credible", credible, "severity", severity));
  }

  void investigate(DelegateTask task) {
    String finding = oneOf(task, MisuseReportProcess.FINDING, Finding.class);
    String summary = requiredText(task, MisuseReportProcess.INVESTIGATION_SUMMARY, null);
    reports.recordFinding(reportId(task), finding, summary);
    task.setVariable(MisuseReportProcess.INVESTIGATED_BY, completingUser(task));
    decisionLog.record(reference(task), DecisionAction.INVESTIGATED, details("finding", finding, "summary", summary));
  }

  void decideAction(DelegateTask task) {
    String action = oneOf(task, MisuseReportProcess.MISUSE_ACTION, MisuseAction.class);
    String rationale = requiredText(task, MisuseReportProcess.ACTION_RATIONALE, null);
    String licenseNumber = (String) task.getVariable(MisuseReportProcess.LICENSE_NUMBER);
    License license = licenses.find(licenseNumber).orElseThrow();
    if (!MisuseAction.WARN.name().equals(action) && !license.inForce()) {
      throw new TaskRuleViolation(MisuseReportProcess.MISUSE_ACTION, "The license is " + license.status()
          + "; it can no longer be "
          + (MisuseAction.SUSPEND.name().equals(action) ? "suspended" : "revoked"));
    }
    reports.recordAction(reportId(task), action, rationale);
    task.setVariable(MisuseReportProcess.REVOCATION_REASON, "Misuse report " + reference(task) + ": " + rationale);
    decisionLog.record(reference(task), DecisionAction.ACTION_DECIDED,
        details("action", action, "rationale", rationale, "licenseNumber", licenseNumber));
  }

  void reviewSuspension(DelegateTask task) {
    String outcome = oneOf(task, MisuseReportProcess.SUSPENSION_OUTCOME, SuspensionOutcome.class);
    decisionLog.record(reference(task), DecisionAction.SUSPENSION_REVIEWED,
        details("outcome", outcome, "licenseNumber", task.getVariable(MisuseReportProcess.LICENSE_NUMBER)));
  }

  private static String reportId(DelegateTask task) {
    return (String) task.getVariable(MisuseReportProcess.REPORT_ID);
  }

  private static String reference(DelegateTask task) {
    return (String) task.getVariable(MisuseReportProcess.REFERENCE);
  }
}
