package org.exportcontrol.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Who may start a contract process, and who may take and complete each of its user tasks, for
 * everyone, administrators included (being in {@code camunda-admin} is no right to decide):
 * <ul>
 *   <li>a user task is claimed, assigned and completed only by a member of the group its contract
 *       names (or of its step-up group, once the process has stepped the task up to it), whom no
 *       {@link SeparationOfDuties} rule bars (403 with the reason, at the claim already);</li>
 *   <li>the task's assignee in history is the user who completed it;</li>
 *   <li>a contract process is started by the project's own code, by the process that calls it, or by
 *       a member of its start form's group with the start form's fields only.</li>
 * </ul>
 * The rules are built-in listeners attached when a diagram is parsed, so a diagram edit cannot remove
 * them; a contract process whose user tasks differ from its contract is refused at deploy.
 */
@Component
@Order(0)
public class TaskGate extends AbstractBpmnParseListener {

  private final ProcessContracts contracts;
  private final ObjectProvider<SeparationOfDuties> separations;

  public TaskGate(ProcessContracts contracts, ObjectProvider<SeparationOfDuties> separations) {
    this.contracts = contracts;
    this.separations = separations;
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    contracts.of(processDefinition.getKey()).ifPresent(contract ->
        processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
            (ExecutionListener) execution -> checkStart(contract, execution)));
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    String processKey = ((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey();
    Optional<ProcessContract> contract = contracts.of(processKey);
    if (contract.isEmpty()) {
      return;
    }
    ProcessContract.UserTask declared = contracts.userTask(processKey, activity.getId()).orElseThrow(() ->
        new BpmnParseException("User task '" + activity.getId() + "' is not in the contract of process '" + processKey
            + "' (declared: " + contract.get().userTasks().stream().map(ProcessContract.UserTask::key).toList()
            + "); a new task needs its rules in code first", userTaskElement));
    TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    Set<String> groups = definition.getCandidateGroupIdExpressions().stream().map(Expression::getExpressionText)
        .collect(Collectors.toSet());
    if (!groups.equals(Set.of(declared.candidateGroup())) || !definition.getCandidateUserIdExpressions().isEmpty()
        || definition.getAssigneeExpression() != null) {
      throw new BpmnParseException("User task '" + activity.getId() + "' must have exactly the candidate group '"
          + declared.candidateGroup() + "' (no candidate users, no assignee), as its contract says", userTaskElement);
    }
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, task -> checkAssignment(declared, task));
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> checkCompletion(declared, task));
  }

  void checkAssignment(ProcessContract.UserTask declared, DelegateTask task) {
    String assignee = task.getAssignee();
    if (assignee != null) {
      refusal(declared, task, assignee).ifPresent(reason -> {
        throw new TaskAuthorizationViolation("Assigning a task", assignee + " may not take the task '" + task.getName()
            + "': " + reason);
      });
    } else {
      checkRelease(declared, task);
    }
  }

  /**
   * A claimed task is given back by its assignee, by a colleague who may take it (the assignee is on
   * leave), or by an administrator; not by someone the task's rules bar from it.
   */
  private void checkRelease(ProcessContract.UserTask declared, DelegateTask task) {
    Authentication actor = Context.getCommandContext().getAuthentication();
    if (Privileged.active() || actor == null || actor.getUserId() == null) {
      return;
    }
    String user = actor.getUserId();
    if (user.equals(formerAssignee(task)) || (actor.getGroupIds() != null && actor.getGroupIds().contains(Groups.CAMUNDA_ADMIN))) {
      return;
    }
    refusal(declared, task, user).ifPresent(reason -> {
      throw new TaskAuthorizationViolation("Releasing a task", user + " may not release the task '" + task.getName()
          + "': " + reason);
    });
  }

  private static String formerAssignee(DelegateTask task) {
    if (task instanceof TaskEntity entity && entity.getPropertyChanges().get(TaskEntity.ASSIGNEE) != null) {
      return (String) entity.getPropertyChanges().get(TaskEntity.ASSIGNEE).getOrgValue();
    }
    return null;
  }

  void checkCompletion(ProcessContract.UserTask declared, DelegateTask task) {
    requireItsExecution(task);
    String user = TaskFields.completingUser(task);
    refusal(declared, task, user).ifPresent(reason -> {
      throw new TaskAuthorizationViolation("Completing a task", user + " may not complete the task '" + task.getName()
          + "': " + reason);
    });
    if (!user.equals(task.getAssignee())) {
      // whoever had claimed it, the record names the person who decided
      task.setAssignee(user);
    }
  }

  /**
   * The completion read the task, and before it set the fields on the task's execution, other work on
   * the case committed: a job that ended a parallel branch (and moved the task to the case's main
   * execution), or another person's completion that ended the task's scope. Camunda then finds no
   * execution and drops the fields without a word, and every rule after this one would refuse fields
   * that were sent (issue 15's chaos test). It is a collision: {@link ConcurrentCompletions} runs the
   * completion again, or answers 409 when the task is gone. This listener is the first of each task.
   */
  private static void requireItsExecution(DelegateTask task) {
    if (task instanceof TaskEntity entity && entity.getExecutionId() != null && entity.getExecution() == null) {
      throw new OptimisticLockingException("Task " + task.getId() + " lost its execution " + entity.getExecutionId()
          + " to other work on the case while it was being completed");
    }
  }

  private Optional<String> refusal(ProcessContract.UserTask declared, DelegateTask task, String userId) {
    if (!memberOf(userId, declared.candidateGroup()) && !(steppedUp(declared, task) && memberOf(userId, declared.stepUpGroup()))) {
      return Optional.of("only members of " + declared.candidateGroup()
          + (steppedUp(declared, task) ? " or " + declared.stepUpGroup() : "") + " may do it");
    }
    List<String> reasons = new ArrayList<>();
    separations.orderedStream().forEach(rule -> rule.refusal(task, userId).ifPresent(reasons::add));
    return reasons.stream().findFirst();
  }

  /** The process stepped the task up: it has its contract's step-up group as a candidate group. */
  private static boolean steppedUp(ProcessContract.UserTask declared, DelegateTask task) {
    return declared.stepUpGroup() != null && task.getCandidates().stream()
        .anyMatch(link -> declared.stepUpGroup().equals(link.getGroupId()));
  }

  private static boolean memberOf(String userId, String group) {
    CommandContext context = Context.getCommandContext();
    Authentication current = context.getAuthentication();
    if (current != null && userId.equals(current.getUserId()) && current.getGroupIds() != null) {
      return current.getGroupIds().contains(group);
    }
    // another user (an assignment by someone else): ask the identity store, whatever the caller may read
    return context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration().getIdentityService()
        .createGroupQuery().groupMember(userId).groupId(group).count() > 0);
  }

  private void checkStart(ProcessContract contract, DelegateExecution execution) {
    if (Privileged.active() || ((ExecutionEntity) execution).getSuperExecution() != null) {
      return;
    }
    ProcessContract.StartForm form = contract.startForm().orElseThrow(() -> new TaskAuthorizationViolation(
        "Starting a process", "Process '" + contract.processKey() + "' is started by the system's API only, not through "
        + "the engine"));
    Authentication user = Context.getCommandContext().getAuthentication();
    if (user == null || user.getUserId() == null || !memberOf(user.getUserId(), form.group())) {
      throw new TaskAuthorizationViolation("Starting a process", "Only members of " + form.group()
          + " may start process '" + contract.processKey() + "'");
    }
    for (String variable : execution.getVariableNames()) {
      if (!form.fields().contains(variable)) {
        throw new TaskRuleViolation(variable, "This form cannot set " + variable + ": starting "
            + contract.processKey() + " may set only " + String.join(", ", new java.util.TreeSet<>(form.fields())) + ".");
      }
    }
  }
}
