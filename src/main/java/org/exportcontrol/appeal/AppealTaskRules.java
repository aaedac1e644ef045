package org.exportcontrol.appeal;

import static org.exportcontrol.engine.TaskFields.completingUser;
import static org.exportcontrol.engine.TaskFields.oneOf;
import static org.exportcontrol.engine.TaskFields.requiredText;
import static org.exportcontrol.engine.TaskFields.text;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.exportcontrol.application.AppealRepository;
import org.exportcontrol.application.ApplicationAppealProcess;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.TaskFields;
import org.exportcontrol.review.ReviewRecords;
import org.springframework.stereotype.Component;

/**
 * The rules of the appeal's two steps, for everyone, administrators included (like the review's
 * {@code TaskRules}): the required fields, and the record of who assessed and who decided what (table
 * {@code review}, so that the staff's view lists them with the case's other steps, and the decision
 * log, in the completion's transaction). An officer who takes up the assessment (claims it) moves the
 * appeal from RECEIVED to UNDER_ASSESSMENT. Who may take each step is {@link AppealSeparationOfDuties}'s.
 */
@Component
public class AppealTaskRules extends AbstractBpmnParseListener {

  private final ReviewRecords records;
  private final AppealRepository appeals;
  private final DecisionLog decisionLog;
  private final Clock clock;

  public AppealTaskRules(ReviewRecords records, AppealRepository appeals, DecisionLog decisionLog, Clock clock) {
    this.records = records;
    this.appeals = appeals;
    this.decisionLog = decisionLog;
    this.clock = clock;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    if (!ApplicationAppealProcess.KEY.equals(((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey())) {
      return;
    }
    switch (activity.getId()) {
      case ApplicationAppealProcess.ASSESS -> {
        TaskFields.onComplete(activity, this::completeAssessment);
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, this::takenUp);
      }
      case ApplicationAppealProcess.DECIDE -> TaskFields.onComplete(activity, this::completeDecision);
      default -> {
        // no other user task
      }
    }
  }

  /** An officer took the assessment: the appeal is under assessment from now on. */
  void takenUp(DelegateTask task) {
    if (task.getAssignee() != null) {
      appeals.underAssessment(appealReference(task));
    }
  }

  void completeAssessment(DelegateTask task) {
    String user = completingUser(task);
    String recommendation = oneOf(task, ApplicationAppealProcess.RECOMMENDATION, "your recommendation",
        ApplicationAppealProcess.GRANT, ApplicationAppealProcess.UPHOLD);
    String assessment = requiredText(task, ApplicationAppealProcess.ASSESSMENT, "Please give your assessment: it is "
        + "required, and the deciding officer and the case's history read it.");
    appeals.underAssessment(appealReference(task));
    records.record(applicationId(task), ApplicationAppealProcess.ASSESS, recommendation, assessment, user, now());
    task.setVariable(ApplicationAppealProcess.ASSESSED_BY, user);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("appeal", appealReference(task));
    details.put("recommendation", recommendation);
    details.put("assessment", assessment);
    decisionLog.record(reference(task), DecisionAction.APPEAL_ASSESSED, details);
  }

  void completeDecision(DelegateTask task) {
    String user = completingUser(task);
    String outcome = oneOf(task, ApplicationAppealProcess.OUTCOME, "the appeal's outcome",
        ApplicationAppealProcess.APPROVED_ON_APPEAL, ApplicationAppealProcess.REFUSED_AFTER_APPEAL);
    String rationale = requiredText(task, ApplicationAppealProcess.RATIONALE, "Please give your rationale: it is "
        + "required, and the applicant reads it with the outcome.");
    String conditions = text(task, ApplicationAppealProcess.LICENSE_CONDITIONS);
    boolean approved = ApplicationAppealProcess.APPROVED_ON_APPEAL.equals(outcome);
    records.record(applicationId(task), ApplicationAppealProcess.DECIDE, outcome, rationale, user, now());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("appeal", appealReference(task));
    details.put("outcome", outcome);
    details.put("recommendation", task.getVariable(ApplicationAppealProcess.RECOMMENDATION));
    details.put("rationale", rationale);
    details.put("conditions", approved ? conditions : null);
    details.put("assessedBy", task.getVariable(ApplicationAppealProcess.ASSESSED_BY));
    decisionLog.record(reference(task), DecisionAction.APPEAL_DECIDED, details);
  }

  private static String applicationId(DelegateTask task) {
    return (String) task.getVariable(ApplicationAppealProcess.APPLICATION_ID);
  }

  private static String reference(DelegateTask task) {
    return (String) task.getVariable(ApplicationAppealProcess.REFERENCE);
  }

  private static String appealReference(DelegateTask task) {
    return (String) task.getVariable(ApplicationAppealProcess.APPEAL_REFERENCE);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
