package org.exportcontrol.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.DecisionLogEntry;
import org.exportcontrol.audit.IntegrityRefusal;
import org.exportcontrol.identity.Groups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the decision log must show before a license changes, on a log of hand-made entries: each
 * grounds found, and each missing one refused with its reason on record.
 */
class LicenseGroundsUnitTest {

  static final String REPORT = "MIS-2026-000001";
  static final ObjectMapper JSON = new ObjectMapper();

  final DecisionLog decisionLog = mock(DecisionLog.class);
  final LicenseGrounds grounds = new LicenseGrounds(decisionLog);
  final Map<String, List<DecisionLogEntry>> log = new HashMap<>();
  final Map<String, Object> variables = new HashMap<>();
  final DelegateExecution execution = mock(DelegateExecution.class);

  @BeforeEach
  void setUp() {
    when(decisionLog.entries(anyString())).thenAnswer(call -> log.getOrDefault(call.<String>getArgument(0), List.of()));
    when(decisionLog.refusal(anyString(), anyString(), anyMap()))
        .thenAnswer(call -> new IntegrityRefusal(call.getArgument(0) + ": " + call.getArgument(1)));
    when(execution.getVariable(anyString())).thenAnswer(call -> variables.get(call.<String>getArgument(0)));
    when(execution.getProcessInstanceId()).thenReturn("pi-1");
    when(execution.getCurrentActivityId()).thenReturn("step");
    when(execution.getProcessBusinessKey()).thenReturn("BK-1");
    variables.put(LicenseGrounds.REPORT_REFERENCE, REPORT);
  }

  DecisionLogEntry add(String subject, String actor, String group, DecisionAction action, Object... details) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < details.length; i += 2) {
      map.put((String) details[i], details[i + 1]);
    }
    DecisionLogEntry entry = new DecisionLogEntry(0, null, actor, List.of(group), subject, action, JSON.valueToTree(map),
        null, null);
    log.computeIfAbsent(subject, s -> new ArrayList<>()).add(entry);
    return entry;
  }

  void refused(Runnable step, String subject, String reason) {
    assertThatThrownBy(step::run).isInstanceOf(IntegrityRefusal.class).hasMessage(subject + ": " + reason);
    verify(decisionLog).refusal(subject, reason, DecisionLog.details("processInstanceId", "pi-1", "activity", "step"));
  }

  // ------------------------------------------------------------ interim suspension

  @Test
  void anInterimSuspensionNeedsACriticalCredibleTriageByACompliancOfficer() {
    DecisionLogEntry triage = add(REPORT, "compliance", Groups.COMPLIANCE_OFFICERS, DecisionAction.TRIAGED,
        "credible", true, "severity", "CRITICAL");
    assertThat(grounds.interimSuspension(execution)).isSameAs(triage);
  }

  @Test
  void laterEntriesOfOtherKindsDoNotHideTheGrounds() {
    DecisionLogEntry triage = add(REPORT, "compliance", Groups.COMPLIANCE_OFFICERS, DecisionAction.TRIAGED,
        "credible", true, "severity", "CRITICAL");
    DecisionLogEntry finding = add(REPORT, "other", Groups.COMPLIANCE_OFFICERS, DecisionAction.INVESTIGATED,
        "finding", "SUBSTANTIATED");
    add(REPORT, "system", "none", DecisionAction.STEP_OVERDUE);
    assertThat(grounds.interimSuspension(execution)).isSameAs(triage);
    DecisionLogEntry decided = add(REPORT, "officer", Groups.LICENSING_OFFICERS, DecisionAction.ACTION_DECIDED,
        "action", "SUSPEND");
    assertThat(grounds.decidedSuspension(execution)).isSameAs(decided);
    DecisionLogEntry reviewed = add(REPORT, "officer", Groups.LICENSING_OFFICERS, DecisionAction.SUSPENSION_REVIEWED,
        "outcome", "REVOKE", "licenseNumber", "LIC-1");
    add(REPORT, "system", "none", DecisionAction.STEP_OVERDUE);
    assertThat(grounds.revocation(execution, "LIC-1")).isSameAs(reviewed);
    assertThat(finding).isNotNull();
  }

  @Test
  void theLatestTriageCountsAndMustBeCriticalCredibleAndByAnOfficer() {
    add(REPORT, "compliance", Groups.COMPLIANCE_OFFICERS, DecisionAction.TRIAGED, "credible", true, "severity", "CRITICAL");
    add(REPORT, "compliance", Groups.COMPLIANCE_OFFICERS, DecisionAction.TRIAGED, "credible", true, "severity", "HIGH");
    refused(() -> grounds.interimSuspension(execution), REPORT, "no compliance officer triaged report " + REPORT + " as critical");
  }

  @Test
  void aTriageThatIsNotCredibleOrNotByAnOfficerIsNoGround() {
    add(REPORT, "compliance", Groups.COMPLIANCE_OFFICERS, DecisionAction.TRIAGED, "credible", false, "severity", "CRITICAL");
    assertThatThrownBy(() -> grounds.interimSuspension(execution)).isInstanceOf(IntegrityRefusal.class);
    log.clear();
    add(REPORT, "admin", "camunda-admin", DecisionAction.TRIAGED, "credible", true, "severity", "CRITICAL");
    assertThatThrownBy(() -> grounds.interimSuspension(execution)).isInstanceOf(IntegrityRefusal.class);
  }

  @Test
  void aStepWithoutAReportIsRefusedUnderItsBusinessKey() {
    variables.put(LicenseGrounds.REPORT_REFERENCE, " ");
    refused(() -> grounds.interimSuspension(execution), "BK-1", "the step names no misuse report");
  }

  @Test
  void aReportReferenceMustBeText() {
    variables.put(LicenseGrounds.REPORT_REFERENCE, 42);
    assertThatThrownBy(() -> grounds.lifting(execution)).isInstanceOf(IntegrityRefusal.class)
        .hasMessage("BK-1: the step names no misuse report");
  }

  // ------------------------------------------------------------ decided suspension / revocation

  void substantiatedBy(String investigator) {
    add(REPORT, investigator, Groups.COMPLIANCE_OFFICERS, DecisionAction.INVESTIGATED, "finding", "SUBSTANTIATED");
  }

  @Test
  void aDecidedSuspensionNeedsASubstantiatedFindingThenAnOfficersSuspend() {
    substantiatedBy("compliance");
    DecisionLogEntry decided = add(REPORT, "officer", Groups.LICENSING_OFFICERS, DecisionAction.ACTION_DECIDED,
        "action", "SUSPEND", "licenseNumber", "LIC-1");
    assertThat(grounds.decidedSuspension(execution)).isSameAs(decided);
  }

  @Test
  void aDecisionByAnotherGroupOrOfAnotherActionIsNoGround() {
    substantiatedBy("compliance");
    add(REPORT, "officer", Groups.LICENSING_OFFICERS, DecisionAction.ACTION_DECIDED, "action", "WARN");
    refused(() -> grounds.decidedSuspension(execution), REPORT, "no licensing officer decided SUSPEND on report " + REPORT);
    log.clear();
    substantiatedBy("compliance");
    add(REPORT, "boss", Groups.COMPLIANCE_OFFICERS, DecisionAction.ACTION_DECIDED, "action", "SUSPEND");
    assertThatThrownBy(() -> grounds.decidedSuspension(execution)).isInstanceOf(IntegrityRefusal.class)
        .hasMessage(REPORT + ": no licensing officer decided SUSPEND on report " + REPORT);
    log.clear();
    assertThatThrownBy(() -> grounds.decidedSuspension(execution)).isInstanceOf(IntegrityRefusal.class)
        .hasMessage(REPORT + ": no licensing officer decided SUSPEND on report " + REPORT);
  }

  @Test
  void theFindingMustComeBeforeTheDecisionBeSubstantiatedAndByAnotherCompliancOfficer() {
    String reason = "report " + REPORT + " has no substantiated finding by a compliance officer other than the deciding officer";
    add(REPORT, "officer", Groups.LICENSING_OFFICERS, DecisionAction.ACTION_DECIDED, "action", "SUSPEND");
    substantiatedBy("compliance");
    refused(() -> grounds.decidedSuspension(execution), REPORT, reason);
    for (DecisionLogEntry finding : List.of(
        new DecisionLogEntry(0, null, "compliance", List.of(Groups.COMPLIANCE_OFFICERS), REPORT,
            DecisionAction.INVESTIGATED, JSON.valueToTree(Map.of("finding", "UNSUBSTANTIATED")), null, null),
        new DecisionLogEntry(0, null, "tech", List.of(Groups.TECHNICAL_REVIEWERS), REPORT,
            DecisionAction.INVESTIGATED, JSON.valueToTree(Map.of("finding", "SUBSTANTIATED")), null, null),
        new DecisionLogEntry(0, null, "officer", List.of(Groups.COMPLIANCE_OFFICERS), REPORT,
            DecisionAction.INVESTIGATED, JSON.valueToTree(Map.of("finding", "SUBSTANTIATED")), null, null))) {
      log.clear();
      log.computeIfAbsent(REPORT, s -> new ArrayList<>()).add(finding);
      add(REPORT, "officer", Groups.LICENSING_OFFICERS, DecisionAction.ACTION_DECIDED, "action", "SUSPEND");
      assertThatThrownBy(() -> grounds.decidedSuspension(execution)).isInstanceOf(IntegrityRefusal.class)
          .hasMessage(REPORT + ": " + reason);
    }
  }

  @Test
  void theLatestFindingBeforeTheDecisionCounts() {
    substantiatedBy("compliance");
    add(REPORT, "compliance", Groups.COMPLIANCE_OFFICERS, DecisionAction.INVESTIGATED, "finding", "UNSUBSTANTIATED");
    add(REPORT, "officer", Groups.LICENSING_OFFICERS, DecisionAction.ACTION_DECIDED, "action", "SUSPEND");
    assertThatThrownBy(() -> grounds.decidedSuspension(execution)).isInstanceOf(IntegrityRefusal.class);
    log.clear();
    add(REPORT, "compliance", Groups.COMPLIANCE_OFFICERS, DecisionAction.INVESTIGATED, "finding", "UNSUBSTANTIATED");
    substantiatedBy("compliance");
    DecisionLogEntry decided = add(REPORT, "officer", Groups.LICENSING_OFFICERS, DecisionAction.ACTION_DECIDED,
        "action", "SUSPEND");
    assertThat(grounds.decidedSuspension(execution)).isSameAs(decided);
  }

  @Test
  void theLatestDecisionCounts() {
    substantiatedBy("compliance");
    add(REPORT, "officer", Groups.LICENSING_OFFICERS, DecisionAction.ACTION_DECIDED, "action", "SUSPEND");
    add(REPORT, "officer", Groups.LICENSING_OFFICERS, DecisionAction.ACTION_DECIDED, "action", "WARN");
    assertThatThrownBy(() -> grounds.decidedSuspension(execution)).isInstanceOf(IntegrityRefusal.class);
  }

  @Test
  void aRevocationOnAReportIsItsDecisionOnThisLicense() {
    substantiatedBy("compliance");
    DecisionLogEntry decided = add(REPORT, "officer", Groups.LICENSING_OFFICERS, DecisionAction.ACTION_DECIDED,
        "action", "REVOKE", "licenseNumber", "LIC-1");
    assertThat(grounds.revocation(execution, "LIC-1")).isSameAs(decided);
    refused(() -> grounds.revocation(execution, "LIC-2"), REPORT, "report " + REPORT + " decided on license LIC-1, not LIC-2");
  }

  @Test
  void aSuspensionReviewThatRevokesThisLicenseIsGroundsToo() {
    DecisionLogEntry reviewed = add(REPORT, "officer", Groups.LICENSING_OFFICERS, DecisionAction.SUSPENSION_REVIEWED,
        "outcome", "REVOKE", "licenseNumber", "LIC-1");
    assertThat(grounds.revocation(execution, "LIC-1")).isSameAs(reviewed);
    for (Object[] wrong : new Object[][] {{"officer", Groups.LICENSING_OFFICERS, "REINSTATE", "LIC-1"},
        {"compliance", Groups.COMPLIANCE_OFFICERS, "REVOKE", "LIC-1"}, {"officer", Groups.LICENSING_OFFICERS, "REVOKE", "LIC-2"}}) {
      log.clear();
      add(REPORT, (String) wrong[0], (String) wrong[1], DecisionAction.SUSPENSION_REVIEWED, "outcome", wrong[2],
          "licenseNumber", wrong[3]);
      assertThatThrownBy(() -> grounds.revocation(execution, "LIC-1")).isInstanceOf(IntegrityRefusal.class)
          .hasMessage(REPORT + ": no licensing officer decided REVOKE on report " + REPORT);
    }
  }

  @Test
  void aRevocationByHandNeedsAnOfficersRequestForThisVeryProcess() {
    variables.remove(LicenseGrounds.REPORT_REFERENCE);
    add("LIC-1", "officer", Groups.LICENSING_OFFICERS, DecisionAction.REVOCATION_REQUESTED, "processInstanceId", "pi-0");
    refused(() -> grounds.revocation(execution, "LIC-1"), "LIC-1", "no licensing officer requested this revocation");
    DecisionLogEntry request = add("LIC-1", "officer", Groups.LICENSING_OFFICERS, DecisionAction.REVOCATION_REQUESTED,
        "processInstanceId", "pi-1");
    add("LIC-1", "officer", Groups.LICENSING_OFFICERS, DecisionAction.LICENSE_ISSUED, "processInstanceId", "pi-1");
    assertThat(grounds.revocation(execution, "LIC-1")).isSameAs(request);
    log.clear();
    add("LIC-1", "compliance", Groups.COMPLIANCE_OFFICERS, DecisionAction.REVOCATION_REQUESTED, "processInstanceId", "pi-1");
    assertThatThrownBy(() -> grounds.revocation(execution, "LIC-1")).isInstanceOf(IntegrityRefusal.class);
  }

  // ------------------------------------------------------------ lifting

  @Test
  void aSuspensionIsLiftedByAnUnsubstantiatedFindingAWarningOrAReinstatement() {
    DecisionLogEntry finding = add(REPORT, "compliance", Groups.COMPLIANCE_OFFICERS, DecisionAction.INVESTIGATED,
        "finding", "UNSUBSTANTIATED");
    assertThat(grounds.lifting(execution)).isSameAs(finding);
    DecisionLogEntry warning = add(REPORT, "officer", Groups.LICENSING_OFFICERS, DecisionAction.ACTION_DECIDED,
        "action", "WARN");
    assertThat(grounds.lifting(execution)).isSameAs(warning);
    DecisionLogEntry reinstated = add(REPORT, "officer", Groups.LICENSING_OFFICERS, DecisionAction.SUSPENSION_REVIEWED,
        "outcome", "REINSTATE");
    add(REPORT, "system", "none", DecisionAction.TRIAGED, "credible", true);
    assertThat(grounds.lifting(execution)).isSameAs(reinstated);
  }

  @Test
  void nothingElseLiftsASuspension() {
    String reason = "nothing on record for report " + REPORT + " lifts the suspension";
    refused(() -> grounds.lifting(execution), REPORT, reason);
    for (Object[] wrong : new Object[][] {
        {"compliance", Groups.COMPLIANCE_OFFICERS, DecisionAction.INVESTIGATED, "finding", "SUBSTANTIATED"},
        {"tech", Groups.TECHNICAL_REVIEWERS, DecisionAction.INVESTIGATED, "finding", "UNSUBSTANTIATED"},
        {"officer", Groups.LICENSING_OFFICERS, DecisionAction.ACTION_DECIDED, "action", "SUSPEND"},
        {"compliance", Groups.COMPLIANCE_OFFICERS, DecisionAction.ACTION_DECIDED, "action", "WARN"},
        {"officer", Groups.LICENSING_OFFICERS, DecisionAction.SUSPENSION_REVIEWED, "outcome", "REVOKE"},
        {"compliance", Groups.COMPLIANCE_OFFICERS, DecisionAction.SUSPENSION_REVIEWED, "outcome", "REINSTATE"}}) {
      log.clear();
      add(REPORT, (String) wrong[0], (String) wrong[1], (DecisionAction) wrong[2], wrong[3], wrong[4]);
      assertThatThrownBy(() -> grounds.lifting(execution)).as(wrong[2] + " " + wrong[4])
          .isInstanceOf(IntegrityRefusal.class).hasMessage(REPORT + ": " + reason);
    }
  }

  // ------------------------------------------------------------ verified shutdown

  @Test
  void aVerifiedShutdownIsATechnicalReviewersVerificationAfterTheLatestConfirmation() {
    add("LIC-1", "exporter", "exporters", DecisionAction.SHUTDOWN_CONFIRMED);
    DecisionLogEntry verified = add("LIC-1", "tech", Groups.TECHNICAL_REVIEWERS, DecisionAction.SHUTDOWN_VERIFIED);
    add("LIC-1", "system", "none", DecisionAction.BUYING_STATE_NOTIFIED);
    assertThat(grounds.verifiedShutdown(execution, "LIC-1")).isSameAs(verified);
    add("LIC-1", "exporter", "exporters", DecisionAction.SHUTDOWN_CONFIRMED);
    refused(() -> grounds.verifiedShutdown(execution, "LIC-1"), "LIC-1",
        "no technical reviewer verified the shutdown after the exporter's latest confirmation");
  }

  @Test
  void aRejectionOrAVerificationByAnotherGroupIsNoVerifiedShutdown() {
    add("LIC-1", "tech", Groups.TECHNICAL_REVIEWERS, DecisionAction.SHUTDOWN_VERIFIED);
    add("LIC-1", "tech", Groups.TECHNICAL_REVIEWERS, DecisionAction.SHUTDOWN_REJECTED);
    assertThatThrownBy(() -> grounds.verifiedShutdown(execution, "LIC-1")).isInstanceOf(IntegrityRefusal.class);
    log.clear();
    add("LIC-1", "officer", Groups.LICENSING_OFFICERS, DecisionAction.SHUTDOWN_VERIFIED);
    assertThatThrownBy(() -> grounds.verifiedShutdown(execution, "LIC-1")).isInstanceOf(IntegrityRefusal.class);
  }

  @Test
  void aRefusalForAnotherReasonIsOnRecordWithTheStep() {
    assertThat(grounds.refuse(execution, "LIC-1", "the deadline has not passed")).isInstanceOf(IntegrityRefusal.class)
        .hasMessage("LIC-1: the deadline has not passed");
    verify(decisionLog).refusal(eq("LIC-1"), eq("the deadline has not passed"),
        eq(DecisionLog.details("processInstanceId", "pi-1", "activity", "step")));
  }
}
