package org.exportcontrol.misuse;

import static org.exportcontrol.engine.TaskFields.bool;
import static org.exportcontrol.engine.TaskFields.completingUser;
import static org.exportcontrol.engine.TaskFields.oneOf;
import static org.exportcontrol.engine.TaskFields.requiredText;
import static org.exportcontrol.engine.TaskFields.text;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.exportcontrol.engine.TaskAuthorizationViolation;
import org.exportcontrol.engine.TaskFields;
import org.exportcontrol.engine.TaskRuleViolation;
import org.exportcontrol.license.LicenseRepository;
import org.exportcontrol.license.LicenseStatus;
import org.springframework.stereotype.Component;

/**
 * The rules of completing the enforcement tasks (misuse reports, revocation), attached like
 * {@link org.exportcontrol.review.TaskRules}: required fields (400), separation of duties (403: the
 * investigator does not decide the action), and the findings recorded on the report.
 */
@Component
public class EnforcementTaskRules extends AbstractBpmnParseListener {

  private final MisuseReportRepository reports;
  private final LicenseRepository licenses;

  public EnforcementTaskRules(MisuseReportRepository reports, LicenseRepository licenses) {
    this.reports = reports;
    this.licenses = licenses;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    TaskListener rule = switch (activity.getId()) {
      case "triageMisuseReport" -> this::triage;
      case "investigateMisuse" -> this::investigate;
      case "decideMisuseAction" -> this::decideAction;
      case "reviewSuspension" -> task -> oneOf(task, "suspensionOutcome", SuspensionOutcome.class);
      case "notifyCustomerGovernment" -> this::notifyCustomerGovernment;
      case "verifyShutdown" -> this::verifyShutdown;
      default -> null;
    };
    if (rule != null) {
      TaskFields.onComplete(activity, task -> {
        completingUser(task);
        rule.notify(task);
      });
    }
  }

  void triage(DelegateTask task) {
    boolean credible = bool(task, "credible");
    String severity = credible ? oneOf(task, "severity", Severity.class) : text(task, "severity");
    reports.recordTriage(reportId(task), credible, severity);
  }

  void investigate(DelegateTask task) {
    String finding = oneOf(task, "finding", Finding.class);
    String summary = requiredText(task, "investigationSummary", null);
    reports.recordFinding(reportId(task), finding, summary);
    task.setVariable("investigatedBy", completingUser(task));
  }

  void decideAction(DelegateTask task) {
    String user = completingUser(task);
    if (user.equals(task.getVariable("investigatedBy"))) {
      throw new TaskAuthorizationViolation("Separation of duties: " + user
          + " investigated this report and may not decide the action");
    }
    String action = oneOf(task, "misuseAction", MisuseAction.class);
    String rationale = requiredText(task, "actionRationale", null);
    String status = licenses.find((String) task.getVariable("licenseNumber")).orElseThrow().status();
    boolean changeable = LicenseStatus.ACTIVE.name().equals(status) || LicenseStatus.SUSPENDED.name().equals(status);
    if (!MisuseAction.WARN.name().equals(action) && !changeable) {
      throw new TaskRuleViolation("misuseAction", "The license is " + status + "; it can no longer be "
          + (MisuseAction.SUSPEND.name().equals(action) ? "suspended" : "revoked"));
    }
    reports.recordAction(reportId(task), action, rationale);
    task.setVariable("revocationReason", "Misuse report " + task.getVariable("misuseReference") + ": " + rationale);
  }

  void notifyCustomerGovernment(DelegateTask task) {
    String notifiedOn = requiredText(task, "notifiedOn", null);
    try {
      LocalDate.parse(notifiedOn.length() > 10 ? notifiedOn.substring(0, 10) : notifiedOn);
    } catch (DateTimeParseException e) {
      throw new TaskRuleViolation("notifiedOn", "notifiedOn must be a date (YYYY-MM-DD)");
    }
    requiredText(task, "notificationChannel", null);
  }

  void verifyShutdown(DelegateTask task) {
    boolean verified = bool(task, "shutdownVerified");
    if (!verified) {
      requiredText(task, "verificationNotes", "when the shutdown is not verified (the exporter is told why)");
    }
    task.setVariable("verifiedBy", completingUser(task));
  }

  private static String reportId(DelegateTask task) {
    return (String) task.getVariable("misuseReportId");
  }
}
