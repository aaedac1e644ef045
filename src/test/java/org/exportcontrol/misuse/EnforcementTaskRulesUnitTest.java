package org.exportcontrol.misuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exportcontrol.audit.DecisionLog.details;
import static org.exportcontrol.support.FakeTask.assertViolation;
import static org.exportcontrol.support.FakeTask.vars;
import static org.exportcontrol.support.FakeUserTask.builtIn;
import static org.exportcontrol.support.FakeUserTask.userTask;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.TaskAuthorizationViolation;
import org.exportcontrol.license.License;
import org.exportcontrol.license.LicenseRepository;
import org.exportcontrol.license.LicenseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A misuse report's task rules without an engine: required fields, the license's state each action
 * needs (issue 22, 2: a license that ended meanwhile can no longer be suspended or revoked), and what
 * each completion records.
 */
class EnforcementTaskRulesUnitTest {

  static final String REF = "MIS-2026-000001";

  final MisuseReportRepository reports = mock(MisuseReportRepository.class);
  final LicenseRepository licenses = mock(LicenseRepository.class);
  final DecisionLog decisionLog = mock(DecisionLog.class);
  final EnforcementTaskRules rules = new EnforcementTaskRules(reports, licenses, decisionLog);

  DelegateTask task(String key, String user, Object... variables) {
    Map<String, Object> all = vars(variables);
    all.put("misuseReportId", "report-1");
    all.put("misuseReference", REF);
    all.put("licenseNumber", "LIC-1");
    return org.exportcontrol.support.FakeTask.task(key, user, all);
  }

  void licenseIs(LicenseStatus status) {
    when(licenses.find("LIC-1")).thenReturn(Optional.of(new License("LIC-1", "app-1", status, null, null, null, null,
        null, null, null, null, null, null)));
  }

  // ------------------------------------------------------------ which tasks get which rule

  @Test
  void eachTaskOfTheReportGetsItsRuleAfterTheUserCheck() {
    ActivityImpl triage = userTask("misuseReport", "triageMisuseReport");
    ActivityImpl investigate = userTask("misuseReport", "investigateMisuse");
    ActivityImpl decide = userTask("misuseReport", "decideMisuseAction");
    ActivityImpl review = userTask("misuseReport", "reviewSuspension");
    for (ActivityImpl activity : new ActivityImpl[] {triage, investigate, decide, review}) {
      rules.parseUserTask(null, null, activity);
      assertThat(builtIn(activity, TaskListener.EVENTNAME_COMPLETE)).hasSize(1);
      assertThatThrownBy(() -> builtIn(activity, TaskListener.EVENTNAME_COMPLETE).get(0)
          .notify(task(activity.getId(), null))).isInstanceOf(TaskAuthorizationViolation.class);
    }
    verifyNoInteractions(reports, licenses, decisionLog);
    licenseIs(LicenseStatus.SUSPENDED);
    builtIn(triage, TaskListener.EVENTNAME_COMPLETE).get(0).notify(task("t", "compliance", "credible", false));
    verify(reports).recordTriage("report-1", false, null);
    builtIn(investigate, TaskListener.EVENTNAME_COMPLETE).get(0).notify(task("t", "compliance", "finding",
        "UNSUBSTANTIATED", "investigationSummary", "nothing"));
    verify(reports).recordFinding("report-1", "UNSUBSTANTIATED", "nothing");
    builtIn(decide, TaskListener.EVENTNAME_COMPLETE).get(0).notify(task("t", "officer", "misuseAction", "WARN",
        "actionRationale", "first time"));
    verify(reports).recordAction("report-1", "WARN", "first time");
    builtIn(review, TaskListener.EVENTNAME_COMPLETE).get(0).notify(task("t", "officer", "suspensionOutcome",
        "REINSTATE", "suspensionReviewRationale", "fixed"));
    verify(decisionLog).record(REF, DecisionAction.SUSPENSION_REVIEWED,
        details("outcome", "REINSTATE", "rationale", "fixed", "licenseNumber", "LIC-1"));
  }

  @Test
  void otherTasksAndOtherProcessesGetNone() {
    ActivityImpl other = userTask("misuseReport", "somethingElse");
    ActivityImpl elsewhere = userTask("exportLicenseReview", "triageMisuseReport");
    rules.parseUserTask(null, null, other);
    rules.parseUserTask(null, null, elsewhere);
    assertThat(builtIn(other, TaskListener.EVENTNAME_COMPLETE)).isEmpty();
    assertThat(builtIn(elsewhere, TaskListener.EVENTNAME_COMPLETE)).isEmpty();
  }

  // ------------------------------------------------------------ triage

  @Test
  void aCredibleReportHasASeverity() {
    rules.triage(task("triageMisuseReport", "compliance", "credible", true, "severity", "HIGH"));
    verify(reports).recordTriage("report-1", true, "HIGH");
    verify(decisionLog).record(REF, DecisionAction.TRIAGED, details("credible", true, "severity", "HIGH",
        "rationale", null));
    assertViolation(() -> rules.triage(task("t", "compliance", "credible", true, "severity", "URGENT")),
        "severity", "Please choose the severity: it is required when the report is credible from the list: LOW, HIGH, CRITICAL (not URGENT).");
    assertViolation(() -> rules.triage(task("t", "compliance", "severity", "HIGH")),
        "credible", "Please say whether the report is credible (tick the box or leave it empty).");
  }

  @Test
  void aCriticalReportStatesWhy() {
    assertViolation(() -> rules.triage(task("t", "compliance", "credible", true, "severity", "CRITICAL")),
        "triageRationale", "Please say why the license must be suspended at once: a critical severity suspends it before the investigation, so the reason is required.");
    verifyNoInteractions(reports, decisionLog);
    rules.triage(task("t", "compliance", "credible", true, "severity", "CRITICAL", "triageRationale", "active use"));
    verify(decisionLog).record(REF, DecisionAction.TRIAGED, details("credible", true, "severity", "CRITICAL",
        "rationale", "active use"));
  }

  @Test
  void aReportThatIsNotCredibleNeedsNoValidSeverity() {
    rules.triage(task("t", "compliance", "credible", false, "severity", "CRITICAL", "triageRationale", "a rumour"));
    verify(reports).recordTriage("report-1", false, "CRITICAL");
    verify(decisionLog).record(REF, DecisionAction.TRIAGED, details("credible", false, "severity", "CRITICAL",
        "rationale", "a rumour"));
  }

  // ------------------------------------------------------------ investigation

  @Test
  void anInvestigationNamesItsFindingAndInvestigator() {
    DelegateTask task = task("investigateMisuse", "compliance", "finding", "SUBSTANTIATED",
        "investigationSummary", "seen in use");
    rules.investigate(task);
    verify(reports).recordFinding("report-1", "SUBSTANTIATED", "seen in use");
    assertThat(task.getVariable("investigatedBy")).isEqualTo("compliance");
    verify(decisionLog).record(REF, DecisionAction.INVESTIGATED, details("finding", "SUBSTANTIATED",
        "summary", "seen in use"));
    assertViolation(() -> rules.investigate(task("t", "compliance", "finding", "SUBSTANTIATED")),
        "investigationSummary", "Please summarise the investigation: the summary is required, and the officer deciding the action reads it.");
    assertViolation(() -> rules.investigate(task("t", "compliance", "finding", "PROBABLY")),
        "finding", "Please choose the finding from the list: SUBSTANTIATED, UNSUBSTANTIATED (not PROBABLY).");
  }

  // ------------------------------------------------------------ the action

  @ParameterizedTest
  @EnumSource(value = LicenseStatus.class, names = {"ACTIVE", "SUSPENDED"})
  void aLicenseInForceMayBeSuspendedOrRevoked(LicenseStatus status) {
    licenseIs(status);
    DelegateTask task = task("decideMisuseAction", "officer", "misuseAction", "REVOKE", "actionRationale", "sold on");
    rules.decideAction(task);
    verify(reports).recordAction("report-1", "REVOKE", "sold on");
    assertThat(task.getVariable("revocationReason")).isEqualTo("Misuse report " + REF + ": sold on");
    verify(decisionLog).record(REF, DecisionAction.ACTION_DECIDED, details("action", "REVOKE", "rationale", "sold on",
        "licenseNumber", "LIC-1"));
  }

  @ParameterizedTest
  @EnumSource(value = LicenseStatus.class, names = {"REVOKED", "EXPIRED", "CANCELLED"})
  void aLicenseThatEndedCanNoLongerBeSuspendedOrRevokedButStillWarned(LicenseStatus status) {
    licenseIs(status);
    assertViolation(() -> rules.decideAction(task("t", "officer", "misuseAction", "SUSPEND", "actionRationale", "x")),
        "misuseAction", "The license is " + status + "; it can no longer be suspended. Please choose another action.");
    assertViolation(() -> rules.decideAction(task("t", "officer", "misuseAction", "REVOKE", "actionRationale", "x")),
        "misuseAction", "The license is " + status + "; it can no longer be revoked. Please choose another action.");
    verifyNoInteractions(reports, decisionLog);
    rules.decideAction(task("t", "officer", "misuseAction", "WARN", "actionRationale", "too late for more"));
    verify(reports).recordAction("report-1", "WARN", "too late for more");
  }

  /** Issue 17: misuse found after the holder's surrender still revokes the license; it is not suspended any more. */
  @Test
  void aSurrenderedLicenseIsRevokedButNotSuspended() {
    licenseIs(LicenseStatus.SURRENDERED);
    assertViolation(() -> rules.decideAction(task("t", "officer", "misuseAction", "SUSPEND", "actionRationale", "x")),
        "misuseAction", "The license is SURRENDERED; it can no longer be suspended. Please choose another action.");
    verifyNoInteractions(decisionLog);
    DelegateTask task = task("decideMisuseAction", "officer", "misuseAction", "REVOKE", "actionRationale", "sold on");
    rules.decideAction(task);
    verify(reports).recordAction("report-1", "REVOKE", "sold on");
    assertThat(task.getVariable("revocationReason")).isEqualTo("Misuse report " + REF + ": sold on");
  }

  @Test
  void anActionNeedsARationale() {
    licenseIs(LicenseStatus.ACTIVE);
    assertViolation(() -> rules.decideAction(task("t", "officer", "misuseAction", "WARN")),
        "actionRationale", "Please give your rationale: every action on a license must say why.");
    assertViolation(() -> rules.decideAction(task("t", "officer", "misuseAction", "BAN", "actionRationale", "x")),
        "misuseAction", "Please choose the action from the list: WARN, SUSPEND, REVOKE (not BAN).");
  }

  // ------------------------------------------------------------ the review of a suspension

  void review(LicenseStatus status, String outcome) {
    licenseIs(status);
    rules.reviewSuspension(task("reviewSuspension", "officer", "suspensionOutcome", outcome,
        "suspensionReviewRationale", "because"));
  }

  @Test
  void onlyASuspendedLicenseIsReinstated() {
    for (LicenseStatus status : new LicenseStatus[] {LicenseStatus.ACTIVE, LicenseStatus.REVOKED, LicenseStatus.EXPIRED}) {
      assertViolation(() -> review(status, "REINSTATE"), "suspensionOutcome",
          "The license is " + status + "; it can no longer be reinstated. Please choose another outcome.");
    }
    review(LicenseStatus.SUSPENDED, "REINSTATE");
    verify(decisionLog).record(REF, DecisionAction.SUSPENSION_REVIEWED,
        details("outcome", "REINSTATE", "rationale", "because", "licenseNumber", "LIC-1"));
  }

  @Test
  void aRevocationNeedsALicenseInForceOrOneAnotherReportRevoked() {
    for (LicenseStatus status : new LicenseStatus[] {LicenseStatus.EXPIRED, LicenseStatus.CANCELLED}) {
      assertViolation(() -> review(status, "REVOKE"), "suspensionOutcome",
          "The license is " + status + "; it can no longer be revoked. Please choose another outcome.");
    }
    verifyNoInteractions(decisionLog);
    for (LicenseStatus status : new LicenseStatus[] {LicenseStatus.SUSPENDED, LicenseStatus.ACTIVE, LicenseStatus.REVOKED,
        LicenseStatus.SURRENDERED}) {
      licenseIs(status);
      DelegateTask task = task("reviewSuspension", "officer", "suspensionOutcome", "REVOKE",
          "suspensionReviewRationale", "confirmed", "revocationReason", "the suspension's reason");
      rules.reviewSuspension(task);
      assertThat(task.getVariable("revocationReason"))
          .isEqualTo("Misuse report " + REF + ", review of the suspension: confirmed");
    }
  }

  @Test
  void closingIsForALicenseNoLongerInForce() {
    for (LicenseStatus status : new LicenseStatus[] {LicenseStatus.ACTIVE, LicenseStatus.SUSPENDED}) {
      assertViolation(() -> review(status, "CLOSE"), "suspensionOutcome",
          "The license is " + status + "; please reinstate or revoke it.");
    }
    licenseIs(LicenseStatus.EXPIRED);
    DelegateTask task = task("reviewSuspension", "officer", "suspensionOutcome", "CLOSE",
        "suspensionReviewRationale", "expired meanwhile", "revocationReason", "earlier");
    rules.reviewSuspension(task);
    assertThat(task.getVariable("revocationReason")).isEqualTo("earlier");
    verify(decisionLog).record(REF, DecisionAction.SUSPENSION_REVIEWED,
        details("outcome", "CLOSE", "rationale", "expired meanwhile", "licenseNumber", "LIC-1"));
  }

  @Test
  void aReviewNeedsAnOutcomeAndARationale() {
    licenseIs(LicenseStatus.SUSPENDED);
    assertViolation(() -> rules.reviewSuspension(task("t", "officer", "suspensionOutcome", "REINSTATE")),
        "suspensionReviewRationale", "Please give your rationale: the review of a suspension must say why it reinstates, revokes or closes.");
    assertViolation(() -> rules.reviewSuspension(task("t", "officer", "suspensionOutcome", "KEEP",
        "suspensionReviewRationale", "x")), "suspensionOutcome", "Please choose the outcome of the review from the list: REINSTATE, REVOKE, CLOSE (not KEEP).");
  }

  // ------------------------------------------------------------ separation of duties

  @Test
  void theInvestigatorDoesNotDecideTheAction() {
    EnforcementSeparationOfDuties rule = new EnforcementSeparationOfDuties();
    assertThat(rule.refusal(task("decideMisuseAction", "x", "investigatedBy", "compliance"), "compliance"))
        .contains("Separation of duties: compliance investigated this report and may not decide the action");
    assertThat(rule.refusal(task("decideMisuseAction", "x", "investigatedBy", "compliance"), "officer")).isEmpty();
    assertThat(rule.refusal(task("reviewSuspension", "x", "investigatedBy", "compliance"), "compliance")).isEmpty();
  }
}
