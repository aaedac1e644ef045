package org.exportcontrol.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The completion guard on its own, in front of a stub of the rest of the engine: a completion or a
 * form submission may set only its task's declared fields; a task no contract declares sets nothing;
 * an unknown task and an empty completion pass through to the engine, which answers them itself.
 */
class CompletionVariableGuardUnitTest {

  private final CommandContext context = mock(CommandContext.class, RETURNS_DEEP_STUBS);
  private final List<Command<?>> reachedTheEngine = new ArrayList<>();
  private CompletionVariableGuard guard;

  /** A contract of process "review" whose task "technicalReview" may set two fields. */
  static class ReviewContract extends ProcessContract {
    ReviewContract() {
      super("review", List.of(new UserTask("technicalReview", "technical-reviewers", "recommendation", "comments")),
          List.of(), null);
    }
  }

  @BeforeEach
  void guardInFrontOfTheEngine() {
    guard = new CompletionVariableGuard(new ProcessContracts(List.of(new ReviewContract())));
    guard.setNext(new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
          reachedTheEngine.add(command);
          return null;
        }
        return command.execute(context); // the guard's own look-up of the task
      }
    });
  }

  private void task(String id, String processDefinitionId, String processKey, String taskKey) {
    TaskEntity task = mock(TaskEntity.class);
    when(task.getProcessDefinitionId()).thenReturn(processDefinitionId);
    when(task.getTaskDefinitionKey()).thenReturn(taskKey);
    when(context.getTaskManager().findTaskById(id)).thenReturn(task);
    when(context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(processDefinitionId).getKey()).thenReturn(processKey);
  }

  @Test
  void aCompletionWithItsOwnFieldsReachesTheEngine() {
    task("t1", "review:1", "review", "technicalReview");
    CompleteTaskCmd complete = new CompleteTaskCmd("t1", Map.of("recommendation", "APPROVE", "comments", "fine"));
    guard.execute(complete);
    SubmitTaskFormCmd submit = new SubmitTaskFormCmd("t1", Map.of("recommendation", "APPROVE"), false, false);
    guard.execute(submit);
    assertThat(reachedTheEngine).containsExactly(complete, submit);
  }

  @Test
  void anotherFieldIsRefusedByNameAndNothingReachesTheEngine() {
    task("t1", "review:1", "review", "technicalReview");
    assertThatThrownBy(() -> guard.execute(new CompleteTaskCmd("t1", Map.of("countryTier", "STANDARD"))))
        .isInstanceOfSatisfying(TaskRuleViolation.class, v -> assertThat(v.getField()).isEqualTo("countryTier"))
        .hasMessage("This task cannot change countryTier: completing technicalReview may set only comments, recommendation.");
    assertThatThrownBy(() -> guard.execute(new SubmitTaskFormCmd("t1", Map.of("recommendation", "APPROVE",
        "decidedBy", "someone"), false, false)))
        .hasMessageContaining("This task cannot change decidedBy");
    assertThat(reachedTheEngine).isEmpty();
  }

  @Test
  void aTaskNoContractDeclaresMaySetNothing() {
    task("t2", "other:1", "other", "someTask");
    assertThatThrownBy(() -> guard.execute(new CompleteTaskCmd("t2", Map.of("anything", 1))))
        .hasMessage("This task cannot change anything: completing someTask may set no variables, because no process "
            + "contract declares its fields.");
    task("t3", "review:1", "review", "undeclaredTask");
    assertThatThrownBy(() -> guard.execute(new CompleteTaskCmd("t3", Map.of("recommendation", "APPROVE"))))
        .hasMessageContaining("may set no variables");
    assertThat(reachedTheEngine).isEmpty();
  }

  @Test
  void anEmptyCompletionAnUnknownTaskAndAStandaloneTaskPassToTheEngine() {
    guard.execute(new CompleteTaskCmd("unknown", Map.of()));
    guard.execute(new CompleteTaskCmd("unknown", null));
    when(context.getTaskManager().findTaskById("missing")).thenReturn(null);
    guard.execute(new CompleteTaskCmd("missing", Map.of("recommendation", "APPROVE")));
    TaskEntity standalone = mock(TaskEntity.class);
    when(context.getTaskManager().findTaskById("standalone")).thenReturn(standalone);
    guard.execute(new CompleteTaskCmd("standalone", Map.of("recommendation", "APPROVE")));
    assertThat(reachedTheEngine).hasSize(4);
  }

  @Test
  void otherCommandsAreNotLookedAt() {
    Command<String> other = commandContext -> "other";
    assertThat(guard.execute(other)).isEqualTo("other");
  }
}
