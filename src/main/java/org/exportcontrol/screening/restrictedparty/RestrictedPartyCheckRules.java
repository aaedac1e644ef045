package org.exportcontrol.screening.restrictedparty;

import static org.exportcontrol.audit.DecisionLog.details;
import static org.exportcontrol.engine.TaskFields.bool;
import static org.exportcontrol.engine.TaskFields.completingUser;
import static org.exportcontrol.engine.TaskFields.requiredText;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.TaskFields;
import org.exportcontrol.engine.TaskRuleViolation;
import org.springframework.stereotype.Component;

/**
 * The rules of completing {@code restrictedPartyCheck}: {@code matchConfirmed} (true or false) and
 * {@code checkNotes} (required either way, at most 4000 characters), recorded in the decision log as
 * {@code RESTRICTED_PARTY_CHECKED}, on which the refusal or the clearance that follows rests.
 */
@Component
public class RestrictedPartyCheckRules extends AbstractBpmnParseListener {

  static final int MAX_NOTES = 4000;

  private final DecisionLog decisionLog;

  public RestrictedPartyCheckRules(DecisionLog decisionLog) {
    this.decisionLog = decisionLog;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    if (ExportLicenseReviewProcess.KEY.equals(((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey())
        && ExportLicenseReviewProcess.RESTRICTED_PARTY_CHECK.equals(activity.getId())) {
      TaskFields.onComplete(activity, this::check);
    }
  }

  void check(DelegateTask task) {
    String by = completingUser(task);
    boolean confirmed = bool(task, ExportLicenseReviewProcess.MATCH_CONFIRMED,
        "the end user is the listed party (the match is confirmed)");
    String notes = requiredText(task, ExportLicenseReviewProcess.CHECK_NOTES,
        "Please write your notes: why the match is confirmed or cleared; they are kept in the decision log.");
    if (notes.length() > MAX_NOTES) {
      throw new TaskRuleViolation(ExportLicenseReviewProcess.CHECK_NOTES,
          "Please shorten your notes: they may have at most " + MAX_NOTES + " characters.");
    }
    decisionLog.record(task.getExecution().getProcessBusinessKey(), DecisionAction.RESTRICTED_PARTY_CHECKED,
        details("matchConfirmed", confirmed, "notes", notes, "checkedBy", by));
  }
}
