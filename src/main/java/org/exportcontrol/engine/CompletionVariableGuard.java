package org.exportcontrol.engine;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * A completion may set only the fields of its own task. Without this, a reviewer completing a task
 * through /engine-rest could also set other variables of the case: another reviewer's
 * recommendation, the country tier (and skip the countersignature), the suggested outcome (and skip
 * the rationale) or who decided (and defeat separation of duties). Tasks of other processes are
 * not restricted. Refusals are form validation errors: 400, the task stays open.
 */
public class CompletionVariableGuard extends CommandInterceptor {

  static final Map<String, Set<String>> FIELDS = Map.ofEntries(
      Map.entry("technicalReview", Set.of("technicalRecommendation", "technicalComments")),
      Map.entry("legalReview", Set.of("legalRecommendation", "legalComments")),
      Map.entry("foreignAffairsReview", Set.of("foreignAffairsRecommendation", "foreignAffairsComments")),
      Map.entry("licensingDecision", Set.of("licensingDecision", "decisionRationale", "licenseConditions")),
      Map.entry("countersignDecision", Set.of("countersignature", "countersignComments")),
      Map.entry("triageMisuseReport", Set.of("credible", "severity")),
      Map.entry("investigateMisuse", Set.of("finding", "investigationSummary")),
      Map.entry("decideMisuseAction", Set.of("misuseAction", "actionRationale")),
      Map.entry("reviewSuspension", Set.of("suspensionOutcome")),
      Map.entry("notifyCustomerGovernment", Set.of("notifiedOn", "notificationChannel")),
      Map.entry("escalateShutdown", Set.of("escalationNotes")),
      Map.entry("verifyShutdown", Set.of("shutdownVerified", "verificationNotes")));

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
      check(command);
    }
    return next.execute(command);
  }

  private void check(Command<?> command) {
    Map<?, ?> variables = (Map<?, ?>) field(command, command instanceof CompleteTaskCmd ? "variables" : "properties");
    if (variables == null || variables.isEmpty()) {
      return;
    }
    String taskId = (String) field(command, "taskId");
    String taskKey = next.execute(context -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      return task == null ? null : task.getTaskDefinitionKey();
    });
    Set<String> allowed = taskKey == null ? null : FIELDS.get(taskKey);
    if (allowed == null) {
      return;
    }
    for (Object name : variables.keySet()) {
      if (!allowed.contains(name)) {
        throw new TaskRuleViolation(String.valueOf(name), "Completing " + taskKey + " may set only " + allowed
            + ", not " + name);
      }
    }
  }

  private static Object field(Object command, String name) {
    try {
      Field field = command.getClass().getDeclaredField(name);
      field.setAccessible(true);
      return field.get(command);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda's " + command.getClass().getSimpleName() + " changed: " + name, e);
    }
  }
}
