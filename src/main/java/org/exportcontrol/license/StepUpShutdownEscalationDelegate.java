package org.exportcontrol.license;

import static org.exportcontrol.audit.DecisionLog.details;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.Task;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.ProcessBean;
import org.exportcontrol.identity.Groups;
import org.springframework.stereotype.Component;

/**
 * {@code ${stepUpShutdownEscalation}}: from the second missed shutdown deadline on, the license's open
 * {@code escalateShutdown} task is stepped up: {@code licensing-managers} become a candidate group
 * beside the compliance officers (the task gate then lets them take it), and the decision log records
 * the step with the number of missed deadlines. A task opened after this point is stepped up when it is
 * created ({@link RevocationTaskRules}). The foreign-affairs reviewers' email follows in the diagram.
 * Not before the second missed deadline, however the step is reached.
 */
@Component("stepUpShutdownEscalation")
@ProcessBean
public class StepUpShutdownEscalationDelegate implements JavaDelegate {

  private final LicenseGrounds grounds;
  private final DecisionLog decisionLog;

  public StepUpShutdownEscalationDelegate(LicenseGrounds grounds, DecisionLog decisionLog) {
    this.grounds = grounds;
    this.decisionLog = decisionLog;
  }

  /** Whether an escalation with this many missed deadlines goes to the licensing managers. */
  static boolean due(Object missedDeadlines) {
    return missedDeadlines instanceof Number n && n.intValue() >= LicenseRevocationProcess.STEP_UP_AT_MISSED_DEADLINE;
  }

  /** Adds the licensing managers to the task's candidate groups, once. */
  static void stepUp(DelegateTask task) {
    if (task.getCandidates().stream().noneMatch(link -> Groups.LICENSING_MANAGERS.equals(link.getGroupId()))) {
      task.addCandidateGroup(Groups.LICENSING_MANAGERS);
    }
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = (String) execution.getVariable(LicenseRevocationProcess.LICENSE_NUMBER);
    Object missed = execution.getVariable(LicenseRevocationProcess.MISSED_SHUTDOWN_DEADLINES);
    if (!due(missed)) {
      throw grounds.refuse(execution, number, "the shutdown deadline was missed " + missed + " time(s), fewer than "
          + LicenseRevocationProcess.STEP_UP_AT_MISSED_DEADLINE);
    }
    // the branch that opens a task may run before or after this one: a new task is stepped up when created
    List<Task> open = execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(LicenseRevocationProcess.ESCALATE_SHUTDOWN)
        .listPage(0, 10);
    for (Task task : open) {
      stepUp(Context.getCommandContext().getTaskManager().findTaskById(task.getId()));
    }
    decisionLog.recordBySystem(number, DecisionAction.SHUTDOWN_ESCALATION_STEPPED_UP, details(
        "missedDeadlines", missed, "steppedUpTo", Groups.LICENSING_MANAGERS,
        "informed", Groups.FOREIGN_AFFAIRS_REVIEWERS, "openEscalation", open.stream().map(Task::getId).findFirst().orElse(null)));
  }
}
