package org.exportcontrol.engine;

import java.util.Arrays;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/** Reading what a user submitted with a task, for the task rules: a bad value is a {@link TaskRuleViolation}. */
public final class TaskFields {

  private TaskFields() {}

  /**
   * Attaches a rule to the completion of a user task as a built-in listener: it survives diagram
   * edits that keep the task key, and "skip custom listeners" does not skip it.
   */
  public static void onComplete(ActivityImpl userTask, TaskListener rule) {
    ((UserTaskActivityBehavior) userTask.getActivityBehavior()).getTaskDefinition()
        .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> {
          try {
            rule.notify(task);
          } catch (TaskRuleViolation refused) {
            throw completedMeanwhile(task) ? new OptimisticLockingException("Task " + task.getId()
                + " was completed by someone else while this completion was checked") : refused;
          }
        });
  }

  /**
   * Whether another person's completion of this very task has committed meanwhile. Then a refusal
   * found in the state that completion left (the license it revoked, say) is not this person's
   * error but a collision: {@link ConcurrentCompletions} tries again and answers that the task is
   * gone (the chaos test met a 400 here). Read outside the entity cache, as committed.
   */
  private static boolean completedMeanwhile(DelegateTask task) {
    return new TaskQueryImpl().taskId(task.getId()).executeCount(Context.getCommandContext()) == 0;
  }

  /** Decisions must be attributable: a task is completed by an authenticated user, never anonymously. */
  public static String completingUser(DelegateTask task) {
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new TaskAuthorizationViolation("Task " + task.getTaskDefinitionKey()
          + " must be completed by an authenticated user");
    }
    return authentication.getUserId();
  }

  /** The key of the process the task belongs to. */
  public static String processKey(DelegateTask task) {
    return Context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(task.getProcessDefinitionId()).getKey();
  }

  /**
   * One of the enum's values; otherwise a sentence for the person at the form ("Please choose the
   * severity.") naming {@code what} the field is, while the violation keeps the field's name for API clients.
   */
  public static <E extends Enum<E>> String oneOf(DelegateTask task, String variable, String what, Class<E> values) {
    return oneOf(task, variable, what, Arrays.stream(values.getEnumConstants()).map(Enum::name).toArray(String[]::new));
  }

  public static String oneOf(DelegateTask task, String variable, String what, String... allowed) {
    Object value = task.getVariable(variable);
    if (!(value instanceof String s) || !Arrays.asList(allowed).contains(s)) {
      throw new TaskRuleViolation(variable, value == null || value instanceof String t && t.isBlank()
          ? "Please choose " + what + "."
          : "Please choose " + what + " from the list: " + String.join(", ", allowed) + " (not " + value + ").");
    }
    return s;
  }

  /** True or false; otherwise "Please say whether ..." with {@code question}, such as "the report is credible". */
  public static boolean bool(DelegateTask task, String variable, String question) {
    Object value = task.getVariable(variable);
    if (!(value instanceof Boolean b)) {
      throw new TaskRuleViolation(variable, "Please say whether " + question + " (tick the box or leave it empty).");
    }
    return b;
  }

  /** The text, or null when absent or blank. */
  public static String text(DelegateTask task, String variable) {
    Object value = task.getVariable(variable);
    return value instanceof String s && !s.isBlank() ? s : null;
  }

  /**
   * The text, required: otherwise {@code sentence}, a whole sentence for the person at the form that
   * names the field and the rule ("Please give your rationale: it is required ...").
   */
  public static String requiredText(DelegateTask task, String variable, String sentence) {
    String value = text(task, variable);
    if (value == null) {
      throw new TaskRuleViolation(variable, sentence);
    }
    return value;
  }
}
