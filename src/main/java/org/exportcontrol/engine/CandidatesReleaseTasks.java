package org.exportcontrol.engine;

import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * Camunda's default authorizations, plus TASK_ASSIGN for a task's candidate group: with TASK_WORK
 * alone its members could claim a task but not give it back, and a reviewer who claimed by mistake or
 * went on leave blocked the case until an administrator moved it (issue 16, 1). Whom a task may be
 * assigned to is still the {@link TaskGate}'s rule; TASK_ASSIGN only lets a candidate ask. Tasks
 * created before this rule got the permission from the migration V3 in db/camunda.
 */
public class CandidatesReleaseTasks extends DefaultAuthorizationProvider {

  @Override
  public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
    AuthorizationEntity[] authorizations = super.newTaskGroupIdentityLink(task, groupId, type);
    if (authorizations != null) {
      for (AuthorizationEntity authorization : authorizations) {
        authorization.addPermission(TaskPermissions.TASK_ASSIGN);
      }
    }
    return authorizations;
  }
}
