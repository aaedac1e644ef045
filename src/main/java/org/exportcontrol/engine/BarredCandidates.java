package org.exportcontrol.engine;

import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Nobody is offered a task the {@link TaskGate} would refuse them: a candidate whom a
 * {@link SeparationOfDuties} rule bars from a task (the officer who decided, for the countersignature;
 * a reviewer, for the decision; the investigator, for the action) gets a user REVOKE of READ on that
 * task. Camunda ranks a user's own authorization above their group's grant, so the task leaves the
 * barred person's Tasklist (every filter, the counts, opening it by its address) and stays in everyone
 * else's. The gate still refuses a claim by its address (403 with the reason). The revocation goes
 * with the task: Camunda deletes a task's authorizations when the task ends.
 *
 * <p>Asked when a task is created, and, for the open tasks of the case, whenever one of its tasks is
 * completed: the bar of a parallel review arises while the other reviews are open. A post-parse
 * listener, so its completion listener runs after the task rules have recorded the completion.
 * Only candidates get a revocation: a user with any revocation makes Camunda check that user's task
 * queries the slower way, so revocations are kept to the few people they hide something from.
 */
public class BarredCandidates extends AbstractBpmnParseListener {

  private final ProcessContracts contracts;
  private final ObjectProvider<SeparationOfDuties> separations;

  public BarredCandidates(ProcessContracts contracts, ObjectProvider<SeparationOfDuties> separations) {
    this.contracts = contracts;
    this.separations = separations;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    if (contracts.of(((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey()).isEmpty()) {
      return;
    }
    TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, this::hideFromBarred);
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, this::hideTheCasesOtherTasks);
  }

  void hideFromBarred(DelegateTask task) {
    Set<String> barred = new LinkedHashSet<>();
    separations.orderedStream().forEach(rule -> barred.addAll(rule.barred(task)));
    CommandContext context = Context.getCommandContext();
    for (String userId : barred) {
      if (candidate(context, task, userId)) {
        revokeRead(context, task.getId(), userId);
      }
    }
  }

  void hideTheCasesOtherTasks(DelegateTask completed) {
    if (completed.getProcessInstanceId() == null) {
      return;
    }
    for (TaskEntity other : Context.getCommandContext().getTaskManager()
        .findTasksByProcessInstanceId(completed.getProcessInstanceId())) {
      if (!other.getId().equals(completed.getId())) {
        hideFromBarred(other);
      }
    }
  }

  /** A member of one of the task's candidate groups: the only people a task list offers it to. */
  private static boolean candidate(CommandContext context, DelegateTask task, String userId) {
    Set<String> groups = new LinkedHashSet<>();
    for (IdentityLink link : task.getCandidates()) {
      if (link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    return !groups.isEmpty() && context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration()
        .getIdentityService().createGroupQuery().groupMember(userId).groupIdIn(groups.toArray(String[]::new)).count() > 0);
  }

  private static void revokeRead(CommandContext context, String taskId, String userId) {
    boolean pending = context.getDbEntityManager().getCachedEntitiesByType(AuthorizationEntity.class).stream()
        .anyMatch(a -> a.getAuthorizationType() == Authorization.AUTH_TYPE_REVOKE && userId.equals(a.getUserId())
            && taskId.equals(a.getResourceId()) && a.getResourceType() == Resources.TASK.resourceType());
    if (pending || context.getAuthorizationManager().findAuthorizationByUserIdAndResourceId(
        Authorization.AUTH_TYPE_REVOKE, userId, Resources.TASK, taskId) != null) {
      return;
    }
    AuthorizationEntity revoke = new AuthorizationEntity(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId(userId);
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(taskId);
    revoke.removePermission(Permissions.READ);
    context.getAuthorizationManager().insert(revoke);
  }
}
