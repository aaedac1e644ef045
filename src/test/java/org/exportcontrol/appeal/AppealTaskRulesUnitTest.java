package org.exportcontrol.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exportcontrol.support.FakeTask.assertViolation;
import static org.exportcontrol.support.FakeTask.task;
import static org.exportcontrol.support.FakeTask.vars;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.exportcontrol.application.AppealRepository;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.review.ReviewRecords;
import org.junit.jupiter.api.Test;

/** The appeal's task rules without an engine: required fields, and what each completion records. */
class AppealTaskRulesUnitTest {

  static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
  static final OffsetDateTime AT = NOW.atOffset(ZoneOffset.UTC);

  final ReviewRecords records = mock(ReviewRecords.class);
  final AppealRepository appeals = mock(AppealRepository.class);
  final DecisionLog decisionLog = mock(DecisionLog.class);
  final AppealTaskRules rules = new AppealTaskRules(records, appeals, decisionLog, Clock.fixed(NOW, ZoneOffset.UTC));

  DelegateTask step(String key, String user, Object... variables) {
    Map<String, Object> all = vars(variables);
    all.put("applicationId", "app-1");
    all.put("reference", "EXP-2026-000001");
    all.put("appealReference", "APL-2026-000001");
    return task(key, user, all);
  }

  static Map<String, Object> details(Object... namesAndValues) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      details.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return details;
  }

  @Test
  void anAssessmentRecommendsAndSaysWhy() {
    assertViolation(() -> rules.completeAssessment(step("assessAppeal", "officer2", "appealAssessment", "Sound")),
        "appealRecommendation", "Please choose your recommendation.");
    assertViolation(() -> rules.completeAssessment(step("assessAppeal", "officer2", "appealRecommendation", "GRANT",
        "appealAssessment", " ")), "appealAssessment",
        "Please give your assessment: it is required, and the deciding officer and the case's history read it.");
    verifyNoInteractions(records, decisionLog, appeals);

    DelegateTask task = step("assessAppeal", "officer2", "appealRecommendation", "UPHOLD", "appealAssessment", "Weak");
    rules.completeAssessment(task);
    assertThat(task.getVariable("appealAssessedBy")).isEqualTo("officer2");
    verify(appeals).underAssessment("APL-2026-000001");
    verify(records).record("app-1", "assessAppeal", "UPHOLD", "Weak", "officer2", AT);
    verify(decisionLog).record("EXP-2026-000001", DecisionAction.APPEAL_ASSESSED,
        details("appeal", "APL-2026-000001", "recommendation", "UPHOLD", "assessment", "Weak"));
  }

  @Test
  void aDecisionNamesItsOutcomeAndRationaleAndConditionsGoOnlyWithAnApproval() {
    assertViolation(() -> rules.completeDecision(step("decideAppeal", "appeals1", "appealOutcome", "APPROVE",
        "appealRationale", "x")), "appealOutcome",
        "Please choose the appeal's outcome from the list: APPROVED_ON_APPEAL, REFUSED_AFTER_APPEAL (not APPROVE).");
    assertViolation(() -> rules.completeDecision(step("decideAppeal", "appeals1", "appealOutcome", "APPROVED_ON_APPEAL")),
        "appealRationale", "Please give your rationale: it is required, and the applicant reads it with the outcome.");
    verifyNoInteractions(records, decisionLog);

    rules.completeDecision(step("decideAppeal", "appeals1", "appealOutcome", "APPROVED_ON_APPEAL",
        "appealRationale", "Sound", "licenseConditions", "Audit", "appealRecommendation", "GRANT",
        "appealAssessedBy", "officer2"));
    verify(records).record("app-1", "decideAppeal", "APPROVED_ON_APPEAL", "Sound", "appeals1", AT);
    verify(decisionLog).record("EXP-2026-000001", DecisionAction.APPEAL_DECIDED, details("appeal", "APL-2026-000001",
        "outcome", "APPROVED_ON_APPEAL", "recommendation", "GRANT", "rationale", "Sound", "conditions", "Audit",
        "assessedBy", "officer2"));
    rules.completeDecision(step("decideAppeal", "appeals1", "appealOutcome", "REFUSED_AFTER_APPEAL",
        "appealRationale", "Weak", "licenseConditions", "ignored", "appealRecommendation", "UPHOLD",
        "appealAssessedBy", "officer2"));
    verify(decisionLog).record("EXP-2026-000001", DecisionAction.APPEAL_DECIDED, details("appeal", "APL-2026-000001",
        "outcome", "REFUSED_AFTER_APPEAL", "recommendation", "UPHOLD", "rationale", "Weak", "conditions", null,
        "assessedBy", "officer2"));
  }

  @Test
  void takingUpTheAssessmentPutsTheAppealUnderAssessment() {
    DelegateTask claimed = step("assessAppeal", "officer2");
    when(claimed.getAssignee()).thenReturn("officer2");
    rules.takenUp(claimed);
    verify(appeals).underAssessment("APL-2026-000001");
    DelegateTask released = step("assessAppeal", "officer2");
    when(released.getAssignee()).thenReturn(null);
    rules.takenUp(released);
    verify(appeals).underAssessment("APL-2026-000001");
    verify(appeals, never()).decide(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any(),
        org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
  }
}
