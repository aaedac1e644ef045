package org.exportcontrol.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine operations that would act outside the record, closed to everyone, administrators
 * included, whichever way they arrive (/engine-rest, Cockpit, Tasklist, Java): changing where a case
 * stands (modification, restart, deletion, start at an activity), writing its variables, erasing
 * history or the user operation log, migrating cases outside the project's migration API (which
 * records each migration), correlating messages and signals (the project's API does that
 * after checking the case), and task owners, delegations and identity links that would bypass the
 * candidate groups. The project's own code makes some of these calls on purpose, inside
 * {@link Privileged}. Assigning a task stays open: the task gate checks who may take it.
 *
 * <p>An outer interceptor: a refusal happens before the command's transaction begins, so nothing
 * changes. It is an expected refusal, logged in one line.
 */
public class ClosedOperations extends CommandInterceptor {

  private static final Logger log = LoggerFactory.getLogger(ClosedOperations.class);
  private static final String CASCADE = "Deleting a definition with its instances or history";
  private static final String MIGRATION = "Process-instance migration outside POST /api/admin/migrations";
  private static final String CANCEL = "End a stuck case with POST /api/admin/cases/{reference}/cancellation.";

  /** Command class → the operation as a person would name it. */
  static final Map<String, String> CLOSED = Map.ofEntries(
      closed("cmd.ModifyProcessInstanceCmd", "Process-instance modification"),
      closed("cmd.ModifyProcessInstanceAsyncCmd", "Process-instance modification"),
      closed("cmd.ProcessInstanceModificationCmd", "Process-instance modification"),
      closed("cmd.ProcessInstanceModificationBatchCmd", "Process-instance modification"),
      closed("cmd.RestartProcessInstancesCmd", "Process-instance restart"),
      closed("batch.RestartProcessInstancesBatchCmd", "Process-instance restart"),
      closed("cmd.DeleteProcessInstanceCmd", "Process-instance deletion"),
      closed("cmd.DeleteProcessInstancesCmd", "Process-instance deletion"),
      closed("cmd.batch.DeleteProcessInstanceBatchCmd", "Process-instance deletion"),
      closed("cmd.StartProcessInstanceAtActivitiesCmd", "Starting a process at an activity"),
      closed("cmd.SetExecutionVariablesCmd", "Writing process variables"),
      closed("cmd.RemoveExecutionVariablesCmd", "Deleting process variables"),
      closed("cmd.PatchExecutionVariablesCmd", "Writing process variables"),
      closed("cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd", "Writing process variables"),
      closed("cmd.SetTaskVariablesCmd", "Writing task variables"),
      closed("cmd.RemoveTaskVariablesCmd", "Deleting task variables"),
      closed("cmd.PatchTaskVariablesCmd", "Writing task variables"),
      closed("cmd.CorrelateMessageCmd", "Correlating a message"),
      closed("cmd.CorrelateAllMessageCmd", "Correlating a message"),
      closed("cmd.batch.CorrelateAllMessageBatchCmd", "Correlating a message"),
      closed("cmd.MessageEventReceivedCmd", "Delivering a message"),
      closed("cmd.SignalEventReceivedCmd", "Delivering a signal"),
      closed("cmd.DeleteHistoricProcessInstancesCmd", "History deletion"),
      closed("cmd.batch.DeleteHistoricProcessInstancesBatchCmd", "History deletion"),
      closed("dmn.cmd.DeleteHistoricDecisionInstancesBulkCmd", "History deletion"),
      closed("dmn.cmd.DeleteHistoricDecisionInstanceByDefinitionIdCmd", "History deletion"),
      closed("dmn.cmd.DeleteHistoricDecisionInstanceByInstanceIdCmd", "History deletion"),
      closed("dmn.cmd.DeleteHistoricDecisionInstancesBatchCmd", "History deletion"),
      closed("batch.history.DeleteHistoricBatchCmd", "History deletion"),
      closed("cmd.DeleteHistoricTaskInstanceCmd", "History deletion"),
      closed("cmd.DeleteHistoricCaseInstanceCmd", "History deletion"),
      closed("cmd.DeleteHistoricCaseInstancesBulkCmd", "History deletion"),
      closed("cmd.DeleteHistoricVariableInstanceCmd", "History deletion"),
      closed("cmd.DeleteHistoricVariableInstancesByProcessInstanceIdCmd", "History deletion"),
      closed("cmd.DeleteUserOperationLogEntryCmd", "Deleting user operation log entries"),
      closed("cmd.batch.removaltime.SetRemovalTimeToHistoricProcessInstancesCmd", "Setting a history removal time"),
      closed("cmd.batch.removaltime.SetRemovalTimeToHistoricDecisionInstancesCmd", "Setting a history removal time"),
      closed("cmd.batch.removaltime.SetRemovalTimeToHistoricBatchesCmd", "Setting a history removal time"),
      closed("cmd.SetTaskOwnerCmd", "Setting a task owner"),
      closed("cmd.DelegateTaskCmd", "Delegating a task"),
      closed("cmd.ResolveTaskCmd", "Resolving a delegated task"),
      closed("cmd.AddUserIdentityLinkCmd", "Adding a task identity link"),
      closed("cmd.AddGroupIdentityLinkCmd", "Adding a task identity link"),
      closed("cmd.DeleteUserIdentityLinkCmd", "Deleting a task identity link"),
      closed("cmd.DeleteGroupIdentityLinkCmd", "Deleting a task identity link"));

  private static Map.Entry<String, String> closed(String command, String operation) {
    return Map.entry("org.camunda.bpm.engine.impl." + command, operation);
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (!Privileged.active()) {
      String operation = CLOSED.get(command.getClass().getName());
      if (operation == null) {
        operation = closedVariant(command);
      }
      if (operation != null) {
        Authentication user = next.execute(context -> context.getAuthentication());
        log.warn("Refused to {}: {} is closed", user == null ? "an unauthenticated caller" : user.getUserId(), operation);
        throw new OperationClosedException(operation, operation + " is closed to everyone: it would change a case "
            + "outside its record. " + CANCEL);
      }
    }
    return next.execute(command);
  }

  /** Operations closed only in some of their forms: cascading deletions, overwriting annotations, task owner changes. */
  private String closedVariant(Command<?> command) {
    String name = command.getClass().getName();
    switch (name) {
      case "org.camunda.bpm.engine.impl.cmd.DeleteDeploymentCmd",
          "org.camunda.bpm.engine.impl.cmd.DeleteProcessDefinitionsByKeyCmd" -> {
        return Boolean.TRUE.equals(CommandFields.required(command, "cascade")) ? CASCADE : null;
      }
      case "org.camunda.bpm.engine.impl.cmd.DeleteProcessDefinitionsByIdsCmd" -> {
        return Boolean.TRUE.equals(CommandFields.required(command, "cascadeToInstances"))
            || Boolean.TRUE.equals(CommandFields.required(command, "cascadeToHistory")) ? CASCADE : null;
      }
      case "org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd",
          "org.camunda.bpm.engine.impl.migration.batch.MigrateProcessInstanceBatchCmd" -> {
        // a person migrates through POST /api/admin/migrations only (validated, on the decision log);
        // the batch's own jobs run it with no one authenticated
        return authenticated() ? MIGRATION : null;
      }
      case "org.camunda.bpm.engine.impl.SetAnnotationForOperationLog" -> {
        return annotationOverwritten(command) ? "Clearing or overwriting an annotation of the user operation log" : null;
      }
      case "org.camunda.bpm.engine.impl.cmd.SaveTaskCmd" -> {
        return ownerOrDelegationChanged(command) ? "Setting a task owner or delegation" : null;
      }
      default -> {
        return null;
      }
    }
  }

  private boolean authenticated() {
    Authentication user = next.execute(context -> context.getAuthentication());
    return user != null && user.getUserId() != null;
  }

  private boolean annotationOverwritten(Command<?> command) {
    if (CommandFields.required(command, "annotation") == null) {
      return true;
    }
    String operationId = (String) CommandFields.required(command, "operationId");
    List<UserOperationLogEntry> entries = next.execute(context -> context.runWithoutAuthorization(() ->
        context.getProcessEngineConfiguration().getHistoryService().createUserOperationLogQuery()
            .operationId(operationId).list()));
    return entries.stream().anyMatch(e -> e.getAnnotation() != null && !e.getAnnotation().isEmpty());
  }

  private boolean ownerOrDelegationChanged(Command<?> command) {
    TaskEntity changed = (TaskEntity) CommandFields.required(command, "task");
    if (changed == null || changed.getId() == null) {
      return false;
    }
    TaskEntity stored = next.execute(context -> context.getTaskManager().findTaskById(changed.getId()));
    return stored != null && (!Objects.equals(stored.getOwner(), changed.getOwner())
        || !Objects.equals(stored.getDelegationState(), changed.getDelegationState()));
  }
}
