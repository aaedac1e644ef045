package org.exportcontrol.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exportcontrol.audit.DecisionLog.details;
import static org.exportcontrol.support.FakeTask.assertViolation;
import static org.exportcontrol.support.FakeTask.vars;
import static org.exportcontrol.support.FakeUserTask.builtIn;
import static org.exportcontrol.support.FakeUserTask.userTask;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.TaskAuthorizationViolation;
import org.exportcontrol.support.FakeTask;
import org.junit.jupiter.api.Test;

/** The revocation's task rules without an engine: required fields and each decision on record. */
class RevocationTaskRulesUnitTest {

  final DecisionLog decisionLog = mock(DecisionLog.class);
  final RevocationTaskRules rules = new RevocationTaskRules(decisionLog);

  static DelegateTask task(String key, String user, Object... variables) {
    Map<String, Object> all = vars(variables);
    all.put("licenseNumber", "LIC-1");
    return FakeTask.task(key, user, all);
  }

  @Test
  void eachTaskGetsItsRuleAfterTheUserCheck() {
    ActivityImpl notify = userTask("licenseRevocation", "notifyCustomerGovernment");
    ActivityImpl escalate = userTask("licenseRevocation", "escalateShutdown");
    ActivityImpl verifyShutdown = userTask("licenseRevocation", "verifyShutdown");
    for (ActivityImpl activity : List.of(notify, escalate, verifyShutdown)) {
      rules.parseUserTask(null, null, activity);
      assertThat(builtIn(activity, TaskListener.EVENTNAME_COMPLETE)).hasSize(1);
      assertThatThrownBy(() -> builtIn(activity, TaskListener.EVENTNAME_COMPLETE).get(0).notify(task("t", null)))
          .isInstanceOf(TaskAuthorizationViolation.class);
    }
    verifyNoInteractions(decisionLog);
    assertThat(builtIn(escalate, TaskListener.EVENTNAME_CREATE)).hasSize(1);
    assertThat(builtIn(notify, TaskListener.EVENTNAME_CREATE)).isEmpty();

    builtIn(notify, TaskListener.EVENTNAME_COMPLETE).get(0).notify(task("t", "foreign", "notifiedOn", "2026-12-01",
        "notificationChannel", "note verbale"));
    verify(decisionLog).record("LIC-1", DecisionAction.BUYING_STATE_NOTIFIED,
        details("notifiedOn", "2026-12-01", "channel", "note verbale"));
    builtIn(escalate, TaskListener.EVENTNAME_COMPLETE).get(0).notify(task("t", "compliance", "escalationAction",
        EscalationAction.values()[0].name(), "escalationRationale", "called them"));
    verify(decisionLog).record("LIC-1", DecisionAction.SHUTDOWN_ESCALATION_HANDLED,
        details("action", EscalationAction.values()[0].name(), "rationale", "called them", "missedDeadlines", null));
    builtIn(verifyShutdown, TaskListener.EVENTNAME_COMPLETE).get(0).notify(task("t", "tech", "shutdownVerified", true));
    verify(decisionLog).record("LIC-1", DecisionAction.SHUTDOWN_VERIFIED, details("notes", null));
  }

  @Test
  void otherTasksAndOtherProcessesGetNone() {
    ActivityImpl other = userTask("licenseRevocation", "somethingElse");
    ActivityImpl elsewhere = userTask("misuseReport", "escalateShutdown");
    rules.parseUserTask(null, null, other);
    rules.parseUserTask(null, null, elsewhere);
    for (ActivityImpl activity : List.of(other, elsewhere)) {
      assertThat(builtIn(activity, TaskListener.EVENTNAME_COMPLETE)).isEmpty();
      assertThat(builtIn(activity, TaskListener.EVENTNAME_CREATE)).isEmpty();
    }
  }

  @Test
  void anEscalationOpenedAtTheFirstMissIsMarkedOpenAndStaysWithTheOfficers() {
    DelegateTask task = task("escalateShutdown", "system", "missedShutdownDeadlines", 1);
    rules.escalationOpened(task);
    assertThat(task.getVariable("shutdownEscalationOpen")).isEqualTo(true);
    verify(task, never()).addCandidateGroup(org.mockito.ArgumentMatchers.anyString());
  }

  @Test
  void anEscalationOpenedAtTheSecondMissGoesToTheManagersAtOnce() {
    DelegateTask task = task("escalateShutdown", "system", "missedShutdownDeadlines", 2);
    when(task.getCandidates()).thenReturn(java.util.Set.of());
    rules.escalationOpened(task);
    assertThat(task.getVariable("shutdownEscalationOpen")).isEqualTo(true);
    verify(task).addCandidateGroup(org.exportcontrol.identity.Groups.LICENSING_MANAGERS);
  }

  @Test
  void theNoticeNeedsADateAndAChannel() {
    rules.notifyBuyingState(task("t", "foreign", "notifiedOn", "2026-12-01T09:30:00.000+0100", "notificationChannel", "x"));
    verify(decisionLog).record("LIC-1", DecisionAction.BUYING_STATE_NOTIFIED,
        details("notifiedOn", "2026-12-01T09:30:00.000+0100", "channel", "x"));
    for (String wrong : new String[] {"yesterday", "2026-13-01", "2026-12-1", "2026-12-32T10:00"}) {
      assertViolation(() -> rules.notifyBuyingState(task("t", "foreign", "notifiedOn", wrong, "notificationChannel", "x")),
          "notifiedOn", "Please give the date the buying state was notified as a date, such as 2026-03-31 (" + wrong
              + " is not one).");
    }
    assertViolation(() -> rules.notifyBuyingState(task("t", "foreign", "notificationChannel", "x")),
        "notifiedOn", "Please give the date the buying state was notified.");
    assertViolation(() -> rules.notifyBuyingState(task("t", "foreign", "notifiedOn", "2026-12-01")),
        "notificationChannel", "Please choose how the buying state was notified.");
  }

  @Test
  void anEscalationNeedsAnActionAndARationaleOfAtMost4000Characters() {
    String action = EscalationAction.values()[0].name();
    DelegateTask task = task("t", "compliance", "escalationAction", action, "escalationRationale", "x".repeat(4000),
        "missedShutdownDeadlines", 3, "shutdownEscalationOpen", true);
    rules.escalateShutdown(task);
    verify(decisionLog).record("LIC-1", DecisionAction.SHUTDOWN_ESCALATION_HANDLED,
        details("action", action, "rationale", "x".repeat(4000), "missedDeadlines", 3));
    assertThat(task.getVariable("shutdownEscalationOpen")).isEqualTo(false);
    assertViolation(() -> rules.escalateShutdown(task("t", "c", "escalationAction", action,
        "escalationRationale", "x".repeat(4001))), "escalationRationale", 
        "Please shorten your rationale: it may have at most 4000 characters.");
    assertViolation(() -> rules.escalateShutdown(task("t", "c", "escalationAction", action)),
        "escalationRationale", "Please give your rationale: why this step; it is kept in the decision log.");
    assertViolation(() -> rules.escalateShutdown(task("t", "c", "escalationAction", "SHRUG", "escalationRationale", "x")),
        "escalationAction", "Please choose what you decided from the list: " + String.join(", ",
            java.util.Arrays.stream(EscalationAction.values()).map(Enum::name).toList()) + " (not SHRUG).");
  }

  @Test
  void aVerifiedShutdownNamesTheVerifier() {
    DelegateTask task = task("verifyShutdown", "tech", "shutdownVerified", true, "verificationNotes", "logs seen");
    rules.verifyShutdown(task);
    assertThat(task.getVariable("verifiedBy")).isEqualTo("tech");
    verify(decisionLog).record("LIC-1", DecisionAction.SHUTDOWN_VERIFIED, details("notes", "logs seen"));
  }

  @Test
  void aRejectedShutdownSaysWhy() {
    assertViolation(() -> rules.verifyShutdown(task("t", "tech", "shutdownVerified", false)), "verificationNotes",
        "Please write your notes: they are required when the shutdown is not verified, and the exporter is told why.");
    verifyNoInteractions(decisionLog);
    DelegateTask task = task("verifyShutdown", "tech", "shutdownVerified", false, "verificationNotes", "still online");
    rules.verifyShutdown(task);
    assertThat(task.getVariable("verifiedBy")).isEqualTo("tech");
    verify(decisionLog).record("LIC-1", DecisionAction.SHUTDOWN_REJECTED, details("notes", "still online"));
    assertViolation(() -> rules.verifyShutdown(task("t", "tech", "shutdownVerified", "yes")), "shutdownVerified",
        "Please say whether the shutdown is verified (tick the box or leave it empty).");
  }
}
