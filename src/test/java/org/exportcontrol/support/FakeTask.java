package org.exportcontrol.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.exportcontrol.engine.TaskRuleViolation;

/**
 * A user task for the unit tests of the task rules, without an engine: its variables live in a map
 * (what the rule sets can be read back), and the engine's current authentication is the given user.
 */
public final class FakeTask {

  private FakeTask() {}

  /** A task {@code key} completed by {@code user} (null: nobody is authenticated) with these variables. */
  public static DelegateTask task(String key, String user, Map<String, Object> variables) {
    return task(key, user == null ? null : new Authentication(user, List.of()), variables);
  }

  public static DelegateTask task(String key, Authentication authentication, Map<String, Object> variables) {
    Map<String, Object> values = new HashMap<>(variables);
    DelegateTask task = mock(DelegateTask.class, RETURNS_DEEP_STUBS);
    when(task.getTaskDefinitionKey()).thenReturn(key);
    when(task.getProcessEngineServices().getIdentityService().getCurrentAuthentication()).thenReturn(authentication);
    when(task.getVariable(anyString())).thenAnswer(call -> values.get(call.<String>getArgument(0)));
    when(task.getVariables()).thenReturn(values);
    doAnswer(call -> values.put(call.getArgument(0), call.getArgument(1))).when(task).setVariable(anyString(), any());
    return task;
  }

  /** Alternating names and values, nulls allowed (a field the user left out). */
  public static Map<String, Object> vars(Object... namesAndValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  /** A 400 for this field with exactly this message. */
  public static void assertViolation(ThrowingCallable call, String field, String message) {
    assertThatThrownBy(call).isInstanceOf(TaskRuleViolation.class).hasMessage(message)
        .satisfies(e -> assertThat(((TaskRuleViolation) e).<String>getDetail()).isEqualTo(field));
  }
}
