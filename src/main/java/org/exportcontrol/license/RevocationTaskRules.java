package org.exportcontrol.license;

import static org.exportcontrol.audit.DecisionLog.details;
import static org.exportcontrol.engine.TaskFields.bool;
import static org.exportcontrol.engine.TaskFields.completingUser;
import static org.exportcontrol.engine.TaskFields.oneOf;
import static org.exportcontrol.engine.TaskFields.requiredText;
import static org.exportcontrol.engine.TaskFields.text;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.TaskFields;
import org.exportcontrol.engine.TaskRuleViolation;
import org.springframework.stereotype.Component;

/**
 * The rules of completing a revocation's tasks (the diplomatic notice, the escalation of a missed
 * shutdown, the shutdown's verification), attached like the review's task rules: required fields
 * (400) and each decision in the decision log. Who may take each task is the task gate's job. The
 * escalation task also keeps {@code shutdownEscalationOpen} up to date, so that a license has one
 * open escalation however many deadlines it misses.
 */
@Component
public class RevocationTaskRules extends AbstractBpmnParseListener {

  private final DecisionLog decisionLog;

  public RevocationTaskRules(DecisionLog decisionLog) {
    this.decisionLog = decisionLog;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    if (!LicenseRevocationProcess.KEY.equals(((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey())) {
      return;
    }
    TaskListener rule = switch (activity.getId()) {
      case LicenseRevocationProcess.NOTIFY_BUYING_STATE -> this::notifyBuyingState;
      case LicenseRevocationProcess.ESCALATE_SHUTDOWN -> this::escalateShutdown;
      case LicenseRevocationProcess.VERIFY_SHUTDOWN -> this::verifyShutdown;
      default -> null;
    };
    if (rule != null) {
      TaskFields.onComplete(activity, task -> {
        completingUser(task);
        rule.notify(task);
      });
    }
    if (LicenseRevocationProcess.ESCALATE_SHUTDOWN.equals(activity.getId())) {
      ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
          .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, this::escalationOpened);
    }
  }

  /**
   * The license's one escalation task is open (a later miss opens no other, ADR 0023); opened at the
   * second missed deadline or later, it is stepped up to the licensing managers at once.
   */
  void escalationOpened(DelegateTask task) {
    task.setVariable(LicenseRevocationProcess.SHUTDOWN_ESCALATION_OPEN, true);
    if (StepUpShutdownEscalationDelegate.due(task.getVariable(LicenseRevocationProcess.MISSED_SHUTDOWN_DEADLINES))) {
      StepUpShutdownEscalationDelegate.stepUp(task);
    }
  }

  void notifyBuyingState(DelegateTask task) {
    String notifiedOn = requiredText(task, LicenseRevocationProcess.NOTIFIED_ON,
        "Please give the date the buying state was notified.");
    try {
      LocalDate.parse(notifiedOn.length() > 10 ? notifiedOn.substring(0, 10) : notifiedOn);
    } catch (DateTimeParseException e) {
      throw new TaskRuleViolation(LicenseRevocationProcess.NOTIFIED_ON, "Please give the date the buying state was "
          + "notified as a date, such as 2026-03-31 (" + notifiedOn + " is not one).");
    }
    String channel = requiredText(task, LicenseRevocationProcess.NOTIFICATION_CHANNEL,
        "Please choose how the buying state was notified.");
    decisionLog.record(licenseNumber(task), DecisionAction.BUYING_STATE_NOTIFIED,
        details("notifiedOn", notifiedOn, "channel", channel));
  }

  void escalateShutdown(DelegateTask task) {
    String action = oneOf(task, LicenseRevocationProcess.ESCALATION_ACTION, "what you decided", EscalationAction.class);
    String rationale = requiredText(task, LicenseRevocationProcess.ESCALATION_RATIONALE,
        "Please give your rationale: why this step; it is kept in the decision log.");
    if (rationale.length() > 4000) {
      throw new TaskRuleViolation(LicenseRevocationProcess.ESCALATION_RATIONALE,
          "Please shorten your rationale: it may have at most 4000 characters.");
    }
    decisionLog.record(licenseNumber(task), DecisionAction.SHUTDOWN_ESCALATION_HANDLED, details("action", action,
        "rationale", rationale, "missedDeadlines", task.getVariable(LicenseRevocationProcess.MISSED_SHUTDOWN_DEADLINES)));
    // the next missed deadline opens a new escalation task
    task.setVariable(LicenseRevocationProcess.SHUTDOWN_ESCALATION_OPEN, false);
  }

  void verifyShutdown(DelegateTask task) {
    boolean verified = bool(task, LicenseRevocationProcess.SHUTDOWN_VERIFIED, "the shutdown is verified");
    String notes = verified ? text(task, LicenseRevocationProcess.VERIFICATION_NOTES)
        : requiredText(task, LicenseRevocationProcess.VERIFICATION_NOTES,
            "Please write your notes: they are required when the shutdown is not verified, and the exporter is told why.");
    task.setVariable(LicenseRevocationProcess.VERIFIED_BY, completingUser(task));
    decisionLog.record(licenseNumber(task),
        verified ? DecisionAction.SHUTDOWN_VERIFIED : DecisionAction.SHUTDOWN_REJECTED, details("notes", notes));
  }

  private static String licenseNumber(DelegateTask task) {
    return (String) task.getVariable(LicenseRevocationProcess.LICENSE_NUMBER);
  }
}
