package org.exportcontrol.notification;

import static org.exportcontrol.audit.DecisionLog.details;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.ProcessBean;
import org.exportcontrol.identity.Groups;
import org.springframework.stereotype.Component;

/**
 * {@code ${deadlineNotice}}, after the non-interrupting deadline timer of an official step (input
 * {@code step}: the user task's id). Before the task's due date its candidate groups are reminded;
 * from the due date on, each firing escalates it to {@code licensing-managers} (the head of unit)
 * and records {@code STEP_OVERDUE} in the decision log. A task done meanwhile gets no notice. Run it
 * asynchronously with retries, like {@code ${sendEmail}}: the keys make a retry send nothing twice.
 */
@Component("deadlineNotice")
@ProcessBean
public class DeadlineNoticeDelegate implements JavaDelegate {

  /** Input: the official step (user task id) whose deadline timer fired. */
  public static final String STEP = "step";

  static final String REMINDER_TEMPLATE = "deadline-reminder";
  static final String ESCALATION_TEMPLATE = "deadline-escalation";
  private static final DateTimeFormatter DUE =
      DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final TaskService taskService;
  private final GroupEmails groupEmails;
  private final DecisionLog decisionLog;
  private final Clock clock;

  public DeadlineNoticeDelegate(TaskService taskService, GroupEmails groupEmails, DecisionLog decisionLog, Clock clock) {
    this.taskService = taskService;
    this.groupEmails = groupEmails;
    this.decisionLog = decisionLog;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object step = execution.getVariableLocal(STEP);
    if (!(step instanceof String stepId) || stepId.isBlank()) {
      throw new IllegalStateException("Input parameter 'step' is missing on activity " + execution.getCurrentActivityId());
    }
    Task task = taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(stepId).singleResult();
    if (task == null || task.getDueDate() == null) {
      return;
    }
    Instant due = task.getDueDate().toInstant();
    Instant now = clock.instant();
    Map<String, Object> model = new HashMap<>(execution.getVariables());
    model.put("businessKey", execution.getProcessBusinessKey());
    model.put("stepName", task.getName());
    model.put("dueDate", DUE.format(due));
    // the agency's time zone, for the email's words (MailTemplates)
    model.put("dueAt", task.getDueDate());
    model.put("assignee", task.getAssignee());
    String key = execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId()
        + SendEmailDelegate.occurrence(execution);
    if (now.isBefore(due)) {
      for (String group : candidateGroups(task)) {
        groupEmails.send(key + ":" + group, group, REMINDER_TEMPLATE, model, execution.getProcessBusinessKey(),
            execution.getProcessInstanceId());
      }
      return;
    }
    long daysOverdue = Duration.between(due, now).toDays();
    model.put("daysOverdue", daysOverdue);
    model.put("groups", String.join(", ", candidateGroups(task)));
    groupEmails.send(key, Groups.LICENSING_MANAGERS, ESCALATION_TEMPLATE, model, execution.getProcessBusinessKey(),
        execution.getProcessInstanceId());
    decisionLog.recordBySystem(execution.getProcessBusinessKey(), DecisionAction.STEP_OVERDUE,
        details("step", stepId, "dueDate", due.toString(), "daysOverdue", daysOverdue, "assignee", task.getAssignee()));
  }

  private List<String> candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).sorted().toList();
  }
}
