package org.exportcontrol.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exportcontrol.support.FakeTask.assertViolation;
import static org.exportcontrol.support.FakeTask.task;
import static org.exportcontrol.support.FakeTask.vars;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.exportcontrol.support.FakeUserTask;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Reading what a user submitted: each wrong value is a violation naming the field and what it must be. */
class TaskFieldsUnitTest {

  enum Colour { RED, GREEN }

  @Test
  void aRuleIsAttachedAsABuiltInCompletionListener() throws Exception {
    ActivityImpl activity = FakeUserTask.userTask("p", "review");
    TaskDefinition taskDefinition = FakeUserTask.definition(activity);
    TaskListener rule = mock(TaskListener.class);
    TaskFields.onComplete(activity, rule);
    // The rule is wrapped (a refusal after a concurrent completion is a collision), so the listener
    // registered is the wrapper, which delegates to the rule.
    assertThat(taskDefinition.getBuiltinTaskListenersForEvent(TaskListener.EVENTNAME_COMPLETE)).hasSize(1);
    assertThat(taskDefinition.getTaskListeners()).isEmpty();
    DelegateTask task = task("review", "tech", Map.of());
    taskDefinition.getBuiltinTaskListenersForEvent(TaskListener.EVENTNAME_COMPLETE).get(0).notify(task);
    verify(rule).notify(task);
  }

  /** The wrapped rule's completion listener, with the engine's command context stubbed: the task is {@code stillThere} or not. */
  static TaskListener wrapped(TaskListener rule, CommandContext commandContext, boolean stillThere) {
    ActivityImpl activity = FakeUserTask.userTask("p", "review");
    TaskFields.onComplete(activity, rule);
    when(commandContext.getTaskManager().findTaskCountByQueryCriteria(any(TaskQueryImpl.class)))
        .thenReturn(stillThere ? 1L : 0L);
    return FakeUserTask.definition(activity).getBuiltinTaskListenersForEvent(TaskListener.EVENTNAME_COMPLETE).get(0);
  }

  static void inCommand(CommandContext commandContext, ThrowingCallable call) throws Throwable {
    Context.setProcessEngineConfiguration(mock(ProcessEngineConfigurationImpl.class, RETURNS_DEEP_STUBS));
    Context.setCommandContext(commandContext);
    try {
      call.call();
    } finally {
      Context.removeCommandContext();
      Context.removeProcessEngineConfiguration();
    }
  }

  @Test
  void aRefusalOfATaskThatStillExistsIsTheRulesViolation() throws Throwable {
    CommandContext commandContext = mock(CommandContext.class, RETURNS_DEEP_STUBS);
    TaskRuleViolation refusal = new TaskRuleViolation("field", "Please fill in the field.");
    TaskListener listener = wrapped(task -> { throw refusal; }, commandContext, true);
    DelegateTask task = task("review", "tech", Map.of());
    when(task.getId()).thenReturn("task-1");
    inCommand(commandContext, () -> assertThatThrownBy(() -> listener.notify(task)).isSameAs(refusal));
  }

  @Test
  void aRefusalOfATaskSomeoneElseCompletedMeanwhileIsACollision() throws Throwable {
    CommandContext commandContext = mock(CommandContext.class, RETURNS_DEEP_STUBS);
    TaskListener listener = wrapped(task -> { throw new TaskRuleViolation("field", "refused"); }, commandContext, false);
    DelegateTask task = task("review", "tech", Map.of());
    when(task.getId()).thenReturn("task-1");
    inCommand(commandContext, () -> assertThatThrownBy(() -> listener.notify(task))
        .isInstanceOf(OptimisticLockingException.class)
        .hasMessage("Task task-1 was completed by someone else while this completion was checked"));
    ArgumentCaptor<TaskQueryImpl> query = ArgumentCaptor.forClass(TaskQueryImpl.class);
    verify(commandContext.getTaskManager()).findTaskCountByQueryCriteria(query.capture());
    assertThat(query.getValue().getTaskId()).isEqualTo("task-1");
  }

  @Test
  void otherFailuresAndSuccessesDoNotAskWhetherTheTaskStillExists() throws Throwable {
    CommandContext commandContext = mock(CommandContext.class, RETURNS_DEEP_STUBS);
    TaskListener unauthenticated = wrapped(TaskFields::completingUser, commandContext, false);
    TaskListener fine = wrapped(task -> {}, commandContext, false);
    inCommand(commandContext, () -> {
      assertThatThrownBy(() -> unauthenticated.notify(task("review", (String) null, Map.of())))
          .isInstanceOf(TaskAuthorizationViolation.class);
      fine.notify(task("review", "tech", Map.of()));
    });
    verify(commandContext.getTaskManager(), never()).findTaskCountByQueryCriteria(any(TaskQueryImpl.class));
  }

  @Test
  void theCompletingUserIsTheAuthenticatedOne() {
    assertThat(TaskFields.completingUser(task("review", "tech", Map.of()))).isEqualTo("tech");
  }

  @Test
  void nobodyAuthenticatedMayNotComplete() {
    assertThatThrownBy(() -> TaskFields.completingUser(task("review", (String) null, Map.of())))
        .isInstanceOf(TaskAuthorizationViolation.class)
        .hasMessage("Task review must be completed by an authenticated user");
    assertThatThrownBy(() -> TaskFields.completingUser(task("review", new Authentication(null, List.of()), Map.of())))
        .isInstanceOf(TaskAuthorizationViolation.class)
        .hasMessage("Task review must be completed by an authenticated user");
  }

  @Test
  void theProcessKeyComesFromTheDeploymentCache() {
    ProcessEngineConfigurationImpl configuration = mock(ProcessEngineConfigurationImpl.class, RETURNS_DEEP_STUBS);
    when(configuration.getDeploymentCache().findDeployedProcessDefinitionById("def:1").getKey()).thenReturn("misuseReport");
    DelegateTask task = task("review", "tech", Map.of());
    when(task.getProcessDefinitionId()).thenReturn("def:1");
    Context.setProcessEngineConfiguration(configuration);
    try {
      assertThat(TaskFields.processKey(task)).isEqualTo("misuseReport");
    } finally {
      Context.removeProcessEngineConfiguration();
    }
  }

  @Test
  void oneOfAcceptsOnlyTheListedTexts() {
    DelegateTask task = task("t", "u", vars("a", "GREEN", "b", "BLUE", "c", 1, "blank", " "));
    assertThat(TaskFields.oneOf(task, "a", "a colour", Colour.class)).isEqualTo("GREEN");
    assertThat(TaskFields.oneOf(task, "a", "a colour", "GREEN")).isEqualTo("GREEN");
    assertViolation(() -> TaskFields.oneOf(task, "b", "a colour", Colour.class), "b",
        "Please choose a colour from the list: RED, GREEN (not BLUE).");
    assertViolation(() -> TaskFields.oneOf(task, "c", "a number", "1"), "c", "Please choose a number from the list: 1 (not 1).");
    assertViolation(() -> TaskFields.oneOf(task, "missing", "a letter", "X", "Y"), "missing", "Please choose a letter.");
    assertViolation(() -> TaskFields.oneOf(task, "blank", "a letter", "X", "Y"), "blank", "Please choose a letter.");
  }

  @Test
  void boolAcceptsOnlyBooleans() {
    DelegateTask task = task("t", "u", vars("yes", true, "no", false, "text", "true"));
    assertThat(TaskFields.bool(task, "yes", "it is so")).isTrue();
    assertThat(TaskFields.bool(task, "no", "it is so")).isFalse();
    assertViolation(() -> TaskFields.bool(task, "text", "it is so"), "text",
        "Please say whether it is so (tick the box or leave it empty).");
    assertViolation(() -> TaskFields.bool(task, "missing", "it is so"), "missing",
        "Please say whether it is so (tick the box or leave it empty).");
  }

  @Test
  void textIsNullWhenAbsentBlankOrNotText() {
    DelegateTask task = task("t", "u", vars("given", " why ", "blank", "  ", "number", 7));
    assertThat(TaskFields.text(task, "given")).isEqualTo(" why ");
    assertThat(TaskFields.text(task, "blank")).isNull();
    assertThat(TaskFields.text(task, "number")).isNull();
    assertThat(TaskFields.text(task, "missing")).isNull();
  }

  @Test
  void requiredTextSaysWhenItIsRequired() {
    DelegateTask task = task("t", "u", vars("given", "why", "blank", " "));
    assertThat(TaskFields.requiredText(task, "given", "Please say why.")).isEqualTo("why");
    assertViolation(() -> TaskFields.requiredText(task, "blank", "Please say why."), "blank", "Please say why.");
    assertViolation(() -> TaskFields.requiredText(task, "missing", "Please say why: it is required when it rains."),
        "missing", "Please say why: it is required when it rains.");
  }
}
