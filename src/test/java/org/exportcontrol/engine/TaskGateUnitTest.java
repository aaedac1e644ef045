package org.exportcontrol.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exportcontrol.support.FakeTask.vars;
import static org.exportcontrol.support.FakeUserTask.builtIn;
import static org.exportcontrol.support.FakeUserTask.definition;
import static org.exportcontrol.support.FakeUserTask.userTask;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.el.FixedValue;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.task.IdentityLink;
import org.exportcontrol.support.FakeTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The task gate without an engine: a contract's task must have exactly its group, and only members of
 * that group (or of its step-up group, once stepped up) whom no separation rule bars take and complete it.
 */
class TaskGateUnitTest {

  static final ProcessContract.UserTask REVIEW = new ProcessContract.UserTask("review", "reviewers", "verdict");
  static final ProcessContract.UserTask ESCALATE = new ProcessContract.UserTask("escalate", "officers", "x")
      .steppingUpTo("managers");

  static final class Contract extends ProcessContract {
    Contract(StartForm form) {
      super("case", List.of(REVIEW, ESCALATE), List.of(), form);
    }
  }

  final ProcessContracts contracts = new ProcessContracts(List.of(new Contract(
      new ProcessContract.StartForm("starters", Set.of("title")))));
  @SuppressWarnings("unchecked")
  final ObjectProvider<SeparationOfDuties> separations = mock(ObjectProvider.class);
  final TaskGate gate = new TaskGate(contracts, separations);
  final CommandContext context = mock(CommandContext.class, RETURNS_DEEP_STUBS);

  @BeforeEach
  @SuppressWarnings("unchecked")
  void setUp() throws Exception {
    when(separations.orderedStream()).thenAnswer(call -> Stream.of());
    when(context.runWithoutAuthorization(any(Callable.class))).thenAnswer(call -> ((Callable<?>) call.getArgument(0)).call());
    Context.setCommandContext(context);
  }

  @AfterEach
  void tearDown() {
    Context.removeCommandContext();
  }

  void caller(String user, String... groups) {
    when(context.getAuthentication()).thenReturn(user == null ? null : new Authentication(user, List.of(groups)));
  }

  void member(String user, String group) {
    when(context.getProcessEngineConfiguration().getIdentityService().createGroupQuery().groupMember(user).groupId(group)
        .count()).thenReturn(1L);
  }

  DelegateTask task(String key, String assignee, String... candidateGroups) {
    DelegateTask task = FakeTask.task(key, (String) null, vars());
    when(task.getName()).thenReturn("The " + key);
    when(task.getAssignee()).thenReturn(assignee);
    Set<IdentityLink> links = new java.util.HashSet<>();
    for (String group : candidateGroups) {
      IdentityLink link = mock(IdentityLink.class);
      when(link.getGroupId()).thenReturn(group);
      links.add(link);
    }
    when(task.getCandidates()).thenReturn(links);
    return task;
  }

  // ------------------------------------------------------------ parsing

  ActivityImpl parsed(String processKey, String taskKey, String... groups) {
    ActivityImpl activity = userTask(processKey, taskKey);
    for (String group : groups) {
      definition(activity).addCandidateGroupIdExpression(new FixedValue(group));
    }
    return activity;
  }

  @Test
  void aContractTaskWithExactlyItsGroupGetsTheChecks() {
    ActivityImpl activity = parsed("case", "review", "reviewers");
    gate.parseUserTask(null, null, activity);
    assertThat(builtIn(activity, TaskListener.EVENTNAME_ASSIGNMENT)).hasSize(1);
    assertThat(builtIn(activity, TaskListener.EVENTNAME_COMPLETE)).hasSize(1);
    caller("mallory", "other");
    assertThatThrownBy(() -> builtIn(activity, TaskListener.EVENTNAME_ASSIGNMENT).get(0).notify(task("review", "mallory")))
        .hasMessage("mallory may not take the task 'The review': only members of reviewers may do it");
    DelegateTask completed = FakeTask.task("review", "mallory", vars());
    when(completed.getName()).thenReturn("The review");
    assertThatThrownBy(() -> builtIn(activity, TaskListener.EVENTNAME_COMPLETE).get(0).notify(completed))
        .hasMessage("mallory may not complete the task 'The review': only members of reviewers may do it");
  }

  @Test
  void aTaskOfAProcessWithoutContractIsLeftAlone() {
    ActivityImpl activity = parsed("other", "anything");
    gate.parseUserTask(null, null, activity);
    assertThat(builtIn(activity, TaskListener.EVENTNAME_COMPLETE)).isEmpty();
  }

  @Test
  void aTaskOutsideTheContractIsRefused() {
    assertThatThrownBy(() -> gate.parseUserTask(null, null, parsed("case", "sneaky", "reviewers")))
        .isInstanceOf(BpmnParseException.class)
        .hasMessage("User task 'sneaky' is not in the contract of process 'case' (declared: [review, escalate]); "
            + "a new task needs its rules in code first");
  }

  @Test
  void aTaskWithOtherGroupsUsersOrAnAssigneeIsRefused() {
    String message = "User task 'review' must have exactly the candidate group 'reviewers' (no candidate users, no "
        + "assignee), as its contract says";
    assertThatThrownBy(() -> gate.parseUserTask(null, null, parsed("case", "review", "reviewers", "admins")))
        .isInstanceOf(BpmnParseException.class).hasMessage(message);
    assertThatThrownBy(() -> gate.parseUserTask(null, null, parsed("case", "review"))).hasMessage(message);
    ActivityImpl withUser = parsed("case", "review", "reviewers");
    definition(withUser).addCandidateUserIdExpression(new FixedValue("mallory"));
    assertThatThrownBy(() -> gate.parseUserTask(null, null, withUser)).hasMessage(message);
    ActivityImpl withAssignee = parsed("case", "review", "reviewers");
    definition(withAssignee).setAssigneeExpression(new FixedValue("mallory"));
    assertThatThrownBy(() -> gate.parseUserTask(null, null, withAssignee)).hasMessage(message);
  }

  @Test
  void aContractProcessGetsTheStartCheckAndOthersNone() {
    ProcessDefinitionEntity contracted = new ProcessDefinitionEntity();
    contracted.setKey("case");
    gate.parseProcess(null, contracted);
    assertThat(contracted.getBuiltInListeners(ExecutionListener.EVENTNAME_START)).hasSize(1);
    ProcessDefinitionEntity other = new ProcessDefinitionEntity();
    other.setKey("other");
    gate.parseProcess(null, other);
    assertThat(other.getBuiltInListeners(ExecutionListener.EVENTNAME_START)).isNullOrEmpty();
  }

  // ------------------------------------------------------------ assignment and completion

  @Test
  void aMemberMayTakeTheTaskAndOthersMayNot() {
    caller("rev", "reviewers");
    gate.checkAssignment(REVIEW, task("review", "rev"));
    gate.checkAssignment(REVIEW, task("review", null));
    assertThatThrownBy(() -> gate.checkAssignment(REVIEW, task("review", "mallory")))
        .isInstanceOf(TaskAuthorizationViolation.class)
        .hasMessage("mallory may not take the task 'The review': only members of reviewers may do it")
        .satisfies(e -> assertThat(((TaskAuthorizationViolation) e).operation()).isEqualTo("Assigning a task"));
    member("colleague", "reviewers");
    gate.checkAssignment(REVIEW, task("review", "colleague"));
  }

  @Test
  void theCallersOwnGroupsDecideForTheCaller() {
    caller("rev", "legal");
    member("rev", "reviewers");
    assertThatThrownBy(() -> gate.checkAssignment(REVIEW, task("review", "rev")))
        .isInstanceOf(TaskAuthorizationViolation.class);
    when(context.getAuthentication()).thenReturn(new Authentication("rev", null));
    gate.checkAssignment(REVIEW, task("review", "rev"));
  }

  @Test
  void theStepUpGroupMayTakeASteppedUpTaskOnly() {
    caller("boss", "managers");
    assertThatThrownBy(() -> gate.checkAssignment(ESCALATE, task("escalate", "boss", "officers")))
        .hasMessage("boss may not take the task 'The escalate': only members of officers may do it");
    gate.checkAssignment(ESCALATE, task("escalate", "boss", "officers", "managers"));
    caller("rev", "reviewers");
    assertThatThrownBy(() -> gate.checkAssignment(ESCALATE, task("escalate", "rev", "officers", "managers")))
        .hasMessage("rev may not take the task 'The escalate': only members of officers or managers may do it");
    caller("boss", "managers");
    assertThatThrownBy(() -> gate.checkAssignment(REVIEW, task("review", "boss", "managers")))
        .hasMessage("boss may not take the task 'The review': only members of reviewers may do it");
  }

  @Test
  void aSeparationRuleBarsAMemberWithTheFirstReason() {
    SeparationOfDuties first = rule((task, user) -> Optional.of("Separation of duties: " + user + " decided it"));
    SeparationOfDuties second = rule((task, user) -> Optional.of("second"));
    SeparationOfDuties none = rule((task, user) -> Optional.empty());
    when(separations.orderedStream()).thenAnswer(call -> Stream.of(none, first, second));
    caller("rev", "reviewers");
    assertThatThrownBy(() -> gate.checkAssignment(REVIEW, task("review", "rev")))
        .hasMessage("rev may not take the task 'The review': Separation of duties: rev decided it");
    DelegateTask task = FakeTask.task("review", "rev", vars());
    when(task.getName()).thenReturn("The review");
    assertThatThrownBy(() -> gate.checkCompletion(REVIEW, task))
        .isInstanceOf(TaskAuthorizationViolation.class)
        .hasMessage("rev may not complete the task 'The review': Separation of duties: rev decided it")
        .satisfies(e -> assertThat(((TaskAuthorizationViolation) e).operation()).isEqualTo("Completing a task"));
  }

  @Test
  void theCompleterBecomesTheAssignee() {
    caller("rev", "reviewers");
    DelegateTask claimedByOther = FakeTask.task("review", "rev", vars());
    when(claimedByOther.getAssignee()).thenReturn("colleague");
    gate.checkCompletion(REVIEW, claimedByOther);
    verify(claimedByOther).setAssignee("rev");
    DelegateTask own = FakeTask.task("review", "rev", vars());
    when(own.getAssignee()).thenReturn("rev");
    gate.checkCompletion(REVIEW, own);
    verify(own, never()).setAssignee(any());
  }

  @Test
  void aNonMemberOrNobodyMayNotComplete() {
    caller("mallory", "other");
    DelegateTask task = FakeTask.task("review", "mallory", vars());
    when(task.getName()).thenReturn("The review");
    assertThatThrownBy(() -> gate.checkCompletion(REVIEW, task))
        .hasMessage("mallory may not complete the task 'The review': only members of reviewers may do it");
    assertThatThrownBy(() -> gate.checkCompletion(REVIEW, FakeTask.task("review", (String) null, vars())))
        .isInstanceOf(TaskAuthorizationViolation.class).hasMessage("Task review must be completed by an authenticated user");
  }

  @Test
  void aTaskThatLostItsExecutionIsACollision() {
    caller("rev", "reviewers");
    TaskEntity lost = mock(TaskEntity.class);
    when(lost.getId()).thenReturn("t-1");
    when(lost.getExecutionId()).thenReturn("e-1");
    assertThatThrownBy(() -> gate.checkCompletion(REVIEW, lost)).isInstanceOf(OptimisticLockingException.class)
        .hasMessage("Task t-1 lost its execution e-1 to other work on the case while it was being completed");
    TaskEntity standalone = mock(TaskEntity.class, RETURNS_DEEP_STUBS);
    when(standalone.getExecutionId()).thenReturn(null);
    when(standalone.getProcessEngineServices().getIdentityService().getCurrentAuthentication())
        .thenReturn(new Authentication("rev", List.of("reviewers")));
    gate.checkCompletion(REVIEW, standalone);
    TaskEntity attached = mock(TaskEntity.class, RETURNS_DEEP_STUBS);
    when(attached.getExecutionId()).thenReturn("e-2");
    when(attached.getProcessEngineServices().getIdentityService().getCurrentAuthentication())
        .thenReturn(new Authentication("rev", List.of("reviewers")));
    gate.checkCompletion(REVIEW, attached);
    verify(attached).setAssignee("rev");
  }

  // ------------------------------------------------------------ starting a process

  void start(Map<String, Object> variables, ExecutionEntity superExecution) {
    ProcessDefinitionEntity definition = new ProcessDefinitionEntity();
    definition.setKey("case");
    gate.parseProcess(null, definition);
    ExecutionEntity execution = mock(ExecutionEntity.class);
    when(execution.getSuperExecution()).thenReturn(superExecution);
    when(execution.getVariableNames()).thenReturn(variables.keySet());
    try {
      ((ExecutionListener) definition.getBuiltInListeners(ExecutionListener.EVENTNAME_START).get(0)).notify(execution);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aMemberOfTheStartFormsGroupStartsWithItsFieldsOnly() {
    caller("starter", "starters");
    start(Map.of("title", "x"), null);
    assertThatThrownBy(() -> start(Map.of("title", "x", "countryTier", 1), null)).isInstanceOf(TaskRuleViolation.class)
        .hasMessage("This form cannot set countryTier: starting case may set only title.");
  }

  @Test
  void othersStartNothingThroughTheEngine() {
    caller("mallory", "other");
    assertThatThrownBy(() -> start(Map.of(), null)).isInstanceOf(TaskAuthorizationViolation.class)
        .hasMessage("Only members of starters may start process 'case'");
    caller(null);
    assertThatThrownBy(() -> start(Map.of(), null)).hasMessage("Only members of starters may start process 'case'");
    when(context.getAuthentication()).thenReturn(new Authentication(null, List.of("starters")));
    assertThatThrownBy(() -> start(Map.of(), null)).hasMessage("Only members of starters may start process 'case'");
  }

  @Test
  void theProjectsCodeAndACallingProcessStartFreely() {
    caller(null);
    Privileged.run("test", () -> start(Map.of("anything", 1), null));
    start(Map.of("anything", 1), mock(ExecutionEntity.class));
  }

  @Test
  void aProcessWithoutStartFormIsStartedByTheApiOnly() {
    TaskGate noForm = new TaskGate(new ProcessContracts(List.of(new Contract(null))), separations);
    ProcessDefinitionEntity definition = new ProcessDefinitionEntity();
    definition.setKey("case");
    noForm.parseProcess(null, definition);
    caller("starter", "starters");
    ExecutionEntity execution = mock(ExecutionEntity.class);
    assertThatThrownBy(() -> ((ExecutionListener) definition.getBuiltInListeners(ExecutionListener.EVENTNAME_START)
        .get(0)).notify(execution)).isInstanceOf(TaskAuthorizationViolation.class)
        .hasMessage("Process 'case' is started by the system's API only, not through the engine");
  }

  /** A separation rule that refuses as given and bars nobody in advance (barring is BarredCandidates' test). */
  private static SeparationOfDuties rule(
      java.util.function.BiFunction<org.camunda.bpm.engine.delegate.DelegateTask, String, Optional<String>> refusal) {
    return new SeparationOfDuties() {
      @Override
      public Optional<String> refusal(org.camunda.bpm.engine.delegate.DelegateTask task, String userId) {
        return refusal.apply(task, userId);
      }

      @Override
      public java.util.Set<String> barred(org.camunda.bpm.engine.delegate.DelegateTask task) {
        return java.util.Set.of();
      }
    };
  }
}
