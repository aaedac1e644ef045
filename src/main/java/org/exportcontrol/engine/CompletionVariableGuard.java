package org.exportcontrol.engine;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * A completion may set only the fields its task's contract lists. Without this, a reviewer completing
 * a task through /engine-rest could also set other variables of the case: another reviewer's
 * recommendation, the country tier (and skip the countersignature), the suggested outcome (and skip
 * the rationale) or who decided (and defeat separation of duties). It fails closed: a task that no
 * contract declares may set nothing. Refusals are form validation errors: 400, the task stays open.
 */
public class CompletionVariableGuard extends CommandInterceptor {

  private final ProcessContracts contracts;

  public CompletionVariableGuard(ProcessContracts contracts) {
    this.contracts = contracts;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
      check(command);
    }
    return next.execute(command);
  }

  private void check(Command<?> command) {
    Map<?, ?> variables = (Map<?, ?>) CommandFields.required(command,
        command instanceof CompleteTaskCmd ? "variables" : "properties");
    if (variables == null || variables.isEmpty()) {
      return;
    }
    String taskId = (String) CommandFields.required(command, "taskId");
    String[] keys = next.execute(context -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      if (task == null || task.getProcessDefinitionId() == null) {
        return null;
      }
      String processKey = context.getProcessEngineConfiguration().getDeploymentCache()
          .findDeployedProcessDefinitionById(task.getProcessDefinitionId()).getKey();
      return new String[] {processKey, task.getTaskDefinitionKey()};
    });
    if (keys == null) {
      return; // no such task: the command itself answers that
    }
    Set<String> allowed = contracts.userTask(keys[0], keys[1]).map(ProcessContract.UserTask::fields).orElse(Set.of());
    for (Object name : variables.keySet()) {
      if (!allowed.contains(name)) {
        throw new TaskRuleViolation(String.valueOf(name), allowed.isEmpty()
            ? "This task cannot change " + name + ": completing " + keys[1]
                + " may set no variables, because no process contract declares its fields."
            : "This task cannot change " + name + ": completing " + keys[1] + " may set only "
                + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
      }
    }
  }
}
