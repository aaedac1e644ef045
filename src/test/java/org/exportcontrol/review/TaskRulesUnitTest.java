package org.exportcontrol.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exportcontrol.support.FakeTask.assertViolation;
import static org.exportcontrol.support.FakeTask.task;
import static org.exportcontrol.support.FakeTask.vars;
import static org.exportcontrol.support.FakeUserTask.builtIn;
import static org.exportcontrol.support.FakeUserTask.userTask;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.TaskAuthorizationViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The review's task rules without an engine: required fields, and what each completion records. */
class TaskRulesUnitTest {

  static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
  static final OffsetDateTime AT = NOW.atOffset(ZoneOffset.UTC);

  final ReviewRecords records = mock(ReviewRecords.class);
  final DecisionLog decisionLog = mock(DecisionLog.class);
  final TaskRules rules = new TaskRules(records, decisionLog, Clock.fixed(NOW, ZoneOffset.UTC));

  static Map<String, Object> details(Object... namesAndValues) {
    Map<String, Object> details = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      details.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return details;
  }

  DelegateTask review(String user, Object... variables) {
    Map<String, Object> all = vars(variables);
    all.put("applicationId", "app-1");
    all.put("reference", "EXP-2026-000001");
    return task("technicalReview", user, all);
  }

  // ------------------------------------------------------------ which tasks get which rule

  @ParameterizedTest
  @ValueSource(strings = {"technicalReview", "legalReview", "foreignAffairsReview"})
  void eachReviewGetsTheReviewRule(String step) {
    ActivityImpl activity = userTask("exportLicenseReview", step);
    rules.parseUserTask(null, null, activity);
    assertThat(builtIn(activity, TaskListener.EVENTNAME_COMPLETE)).hasSize(1);
    builtIn(activity, TaskListener.EVENTNAME_COMPLETE).get(0).notify(task(step, "rev", vars(
        "applicationId", "app-1", "reference", "R", ExportLicenseReviewProcess.recommendation(step), "APPROVE")));
    verify(records).record("app-1", step, "APPROVE", null, "rev", AT);
  }

  @Test
  void theDecisionAndTheCountersignatureGetTheirRules() {
    ActivityImpl decision = userTask("exportLicenseReview", "licensingDecision");
    ActivityImpl countersign = userTask("exportLicenseReview", "countersignDecision");
    rules.parseUserTask(null, null, decision);
    rules.parseUserTask(null, null, countersign);
    builtIn(decision, TaskListener.EVENTNAME_COMPLETE).get(0).notify(task("licensingDecision", "officer", vars(
        "applicationId", "app-1", "licensingDecision", "APPROVE", "suggestedOutcome", "APPROVE")));
    verify(records).record("app-1", "licensingDecision", "APPROVE", null, "officer", AT);
    builtIn(countersign, TaskListener.EVENTNAME_COMPLETE).get(0).notify(task("countersignDecision", "head", vars(
        "applicationId", "app-1", "countersignature", "APPROVE")));
    verify(records).record("app-1", "countersignDecision", "APPROVE", null, "head", AT);
  }

  @Test
  void otherTasksAndOtherProcessesGetNone() {
    ActivityImpl other = userTask("exportLicenseReview", "applicantResponse");
    ActivityImpl elsewhere = userTask("misuseReport", "technicalReview");
    rules.parseUserTask(null, null, other);
    rules.parseUserTask(null, null, elsewhere);
    assertThat(builtIn(other, TaskListener.EVENTNAME_COMPLETE)).isEmpty();
    assertThat(builtIn(elsewhere, TaskListener.EVENTNAME_COMPLETE)).isEmpty();
  }

  // ------------------------------------------------------------ reviews

  @Test
  void anApprovingReviewNeedsNoCommentsAndIsRecorded() {
    rules.completeReview(review("tech", "technicalRecommendation", "APPROVE"));
    verify(records).record("app-1", "technicalReview", "APPROVE", null, "tech", AT);
    verify(decisionLog).record("EXP-2026-000001", DecisionAction.REVIEW_RECORDED,
        details("step", "technicalReview", "recommendation", "APPROVE", "comments", null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"APPROVE_WITH_CONDITIONS", "REJECT", "REQUEST_INFORMATION"})
  void anyOtherRecommendationNeedsComments(String recommendation) {
    assertViolation(() -> rules.completeReview(review("tech", "technicalRecommendation", recommendation,
        "technicalComments", " ")), "technicalComments", "Please give your comments: they are required "
        + "unless you recommend approval; for a request for information they are the question to the applicant.");
    verifyNoInteractions(records, decisionLog);
    rules.completeReview(review("tech", "technicalRecommendation", recommendation, "technicalComments", "why"));
    verify(records).record("app-1", "technicalReview", recommendation, "why", "tech", AT);
    verify(decisionLog).record("EXP-2026-000001", DecisionAction.REVIEW_RECORDED,
        details("step", "technicalReview", "recommendation", recommendation, "comments", "why"));
  }

  @Test
  void aReviewNeedsARecommendationAndAUser() {
    assertViolation(() -> rules.completeReview(review("tech", "technicalRecommendation", "MAYBE")),
        "technicalRecommendation", "Please choose your recommendation from the list: APPROVE, "
            + "APPROVE_WITH_CONDITIONS, REJECT, REQUEST_INFORMATION (not MAYBE).");
    assertThatThrownBy(() -> rules.completeReview(review(null,
        "technicalRecommendation", "APPROVE"))).isInstanceOf(TaskAuthorizationViolation.class);
    verifyNoInteractions(records, decisionLog);
  }

  // ------------------------------------------------------------ the decision

  DelegateTask decision(String user, Object... variables) {
    Map<String, Object> all = vars(variables);
    all.put("applicationId", "app-1");
    all.put("reference", "EXP-2026-000001");
    return task("licensingDecision", user, all);
  }

  @Test
  void aDecisionThatFollowsTheSuggestionNeedsNoRationale() {
    DelegateTask task = decision("officer", "licensingDecision", "APPROVE", "suggestedOutcome", "APPROVE_WITH_CONDITIONS",
        "licenseConditions", "no resale");
    rules.completeDecision(task);
    verify(records).record("app-1", "licensingDecision", "APPROVE", null, "officer", AT);
    assertThat(task.getVariable("licensingDecisionBy")).isEqualTo("officer");
    verify(decisionLog).record("EXP-2026-000001", DecisionAction.DECIDED, details("outcome", "APPROVE",
        "suggestedOutcome", "APPROVE_WITH_CONDITIONS", "rationale", null, "conditions", "no resale"));
  }

  @Test
  void aRejectionFollowingARejectionNeedsNoRationaleAndCarriesNoConditions() {
    rules.completeDecision(decision("officer", "licensingDecision", "REJECT", "suggestedOutcome", "REJECT",
        "licenseConditions", "ignored", "suggestedConditions", "asked", "refusalCriteria", "[\"DIVERSION_RISK\"]"));
    verify(records).record("app-1", "licensingDecision", "REJECT", null, "officer", AT);
    verify(decisionLog).record("EXP-2026-000001", DecisionAction.DECIDED, details("outcome", "REJECT",
        "suggestedOutcome", "REJECT", "rationale", null, "conditions", null, "refusalCriteria", java.util.List.of("DIVERSION_RISK")));
  }

  @Test
  void departingFromTheSuggestionNeedsARationale() {
    assertViolation(() -> rules.completeDecision(decision("officer", "licensingDecision", "APPROVE",
        "suggestedOutcome", "REJECT")), "decisionRationale",
        "Please give your rationale: your decision (approve) departs from the suggested outcome (reject), so it must say why.");
    assertViolation(() -> rules.completeDecision(decision("officer", "licensingDecision", "REJECT",
        "suggestedOutcome", "APPROVE")), "decisionRationale",
        "Please give your rationale: your decision (reject) departs from the suggested outcome (approve), so it must say why.");
    assertViolation(() -> rules.completeDecision(decision("officer", "licensingDecision", "REJECT")),
        "decisionRationale",
        "Please give your rationale: your decision (reject) departs from the suggested outcome (none), so it must say why.");
    verifyNoInteractions(records, decisionLog);
    rules.completeDecision(decision("officer", "licensingDecision", "REJECT", "suggestedOutcome", "APPROVE",
        "decisionRationale", "end user on a list", "refusalCriteria", java.util.List.of("NATIONAL_SECURITY")));
    verify(records).record("app-1", "licensingDecision", "REJECT", "end user on a list", "officer", AT);
  }

  @Test
  void conflictingReviewsNeedARationaleWhateverTheDecision() {
    for (String outcome : new String[] {"APPROVE", "REJECT"}) {
      assertViolation(() -> rules.completeDecision(decision("officer", "licensingDecision", outcome,
          "suggestedOutcome", "CONFLICTING")), "decisionRationale",
          "Please give your rationale: the reviewers' advice conflicts, so the decision must say why.");
    }
  }

  @Test
  void anApprovalDroppingTheReviewersConditionsNeedsARationale() {
    assertViolation(() -> rules.completeDecision(decision("officer", "licensingDecision", "APPROVE",
        "suggestedOutcome", "APPROVE_WITH_CONDITIONS", "suggestedConditions", "no resale")), "decisionRationale",
        "Please give your rationale: the reviewers asked for conditions and the approval carries none, so it must say why.");
    verifyNoInteractions(records, decisionLog);
    rules.completeDecision(decision("officer", "licensingDecision", "APPROVE", "suggestedOutcome",
        "APPROVE_WITH_CONDITIONS", "suggestedConditions", "no resale", "decisionRationale", "resale is impossible"));
    verify(decisionLog).record("EXP-2026-000001", DecisionAction.DECIDED, details("outcome", "APPROVE",
        "suggestedOutcome", "APPROVE_WITH_CONDITIONS", "rationale", "resale is impossible", "conditions", null));
  }

  @Test
  void aDecisionIsApproveOrReject() {
    assertViolation(() -> rules.completeDecision(decision("officer", "licensingDecision", "APPROVE_WITH_CONDITIONS")),
        "licensingDecision", "Please choose your decision from the list: APPROVE, REJECT (not APPROVE_WITH_CONDITIONS).");
  }

  // ------------------------------------------------------------ refusal criteria (issue 17)

  @Test
  void aRefusalNamesItsCriteriaAndAnApprovalNone() {
    assertViolation(() -> rules.completeDecision(decision("officer", "licensingDecision", "REJECT",
        "suggestedOutcome", "REJECT")), "refusalCriteria",
        "Please tick the refusal criteria: a refusal must name at least one criterion it rests on.");
    assertViolation(() -> rules.completeDecision(decision("officer", "licensingDecision", "REJECT",
        "suggestedOutcome", "REJECT", "refusalCriteria", "[]")), "refusalCriteria",
        "Please tick the refusal criteria: a refusal must name at least one criterion it rests on.");
    assertViolation(() -> rules.completeDecision(decision("officer", "licensingDecision", "APPROVE",
        "suggestedOutcome", "APPROVE", "refusalCriteria", "[\"FOREIGN_POLICY\"]")), "refusalCriteria",
        "Please clear the refusal criteria: an approval rests on none of them.");
    verifyNoInteractions(records, decisionLog);
    // what a hidden checklist leaves behind on an approval: an empty array
    rules.completeDecision(decision("officer", "licensingDecision", "APPROVE", "suggestedOutcome", "APPROVE",
        "refusalCriteria", "[]"));
    verify(decisionLog).record("EXP-2026-000001", DecisionAction.DECIDED, details("outcome", "APPROVE",
        "suggestedOutcome", "APPROVE", "rationale", null, "conditions", null));
  }

  @Test
  void refusalCriteriaAreCodesOfTheListEachOnce() {
    String list = "PURPOSE_OUTSIDE_DECLARATION, HUMAN_RIGHTS_RISK, RISK_TO_PROTECTED_PERSONS, "
        + "INSUFFICIENT_LEGAL_SAFEGUARDS, DIVERSION_RISK, CAPABILITY_EXCEEDS_PURPOSE, FOREIGN_POLICY, NATIONAL_SECURITY, "
        + "INSUFFICIENT_INFORMATION";
    assertViolation(() -> rules.completeDecision(decision("officer", "licensingDecision", "REJECT",
        "suggestedOutcome", "REJECT", "refusalCriteria", "[\"BAD_LUCK\"]")), "refusalCriteria",
        "Please choose the refusal criteria from the list: " + list + " (not BAD_LUCK).");
    assertViolation(() -> rules.completeDecision(decision("officer", "licensingDecision", "REJECT",
        "suggestedOutcome", "REJECT", "refusalCriteria", "{\"a\": 1}")), "refusalCriteria",
        "Please choose the refusal criteria from the list: " + list + " (not {\"a\": 1}).");
    assertViolation(() -> rules.completeDecision(decision("officer", "licensingDecision", "REJECT",
        "suggestedOutcome", "REJECT", "refusalCriteria", "not json")), "refusalCriteria",
        "Please choose the refusal criteria from the list: " + list + " (not not json).");
    assertViolation(() -> rules.completeDecision(decision("officer", "licensingDecision", "REJECT",
        "suggestedOutcome", "REJECT", "refusalCriteria", "[1]")), "refusalCriteria",
        "Please choose the refusal criteria from the list: " + list + " (not 1).");
    verifyNoInteractions(records, decisionLog);
    rules.completeDecision(decision("officer", "licensingDecision", "REJECT", "suggestedOutcome", "REJECT",
        "refusalCriteria", "[\"FOREIGN_POLICY\", \"NATIONAL_SECURITY\", \"FOREIGN_POLICY\"]"));
    verify(decisionLog).record("EXP-2026-000001", DecisionAction.DECIDED, details("outcome", "REJECT",
        "suggestedOutcome", "REJECT", "rationale", null, "conditions", null,
        "refusalCriteria", java.util.List.of("FOREIGN_POLICY", "NATIONAL_SECURITY")));
  }

  // ------------------------------------------------------------ the countersignature

  DelegateTask countersign(String user, Object... variables) {
    Map<String, Object> all = vars(variables);
    all.put("applicationId", "app-1");
    all.put("reference", "EXP-2026-000001");
    all.put("licensingDecisionBy", "officer");
    return task("countersignDecision", user, all);
  }

  @Test
  void aCountersignatureIsRecordedWithWhoDecided() {
    DelegateTask task = countersign("head", "countersignature", "APPROVE");
    rules.completeCountersign(task);
    verify(records).record("app-1", "countersignDecision", "APPROVE", null, "head", AT);
    assertThat(task.getVariable("countersignedBy")).isEqualTo("head");
    verify(decisionLog).record("EXP-2026-000001", DecisionAction.COUNTERSIGNED,
        details("outcome", "APPROVE", "comments", null, "decidedBy", "officer"));
  }

  @Test
  void aRefusedCountersignatureSaysWhy() {
    assertViolation(() -> rules.completeCountersign(countersign("head", "countersignature", "REJECT")),
        "countersignComments", 
        "Please give your comments: they are required when you refuse to countersign, and the deciding officer reads them.");
    assertViolation(() -> rules.completeCountersign(countersign("head", "countersignature", "MAYBE")),
        "countersignature", 
        "Please choose whether you countersign from the list: APPROVE, REJECT (not MAYBE).");
    verifyNoInteractions(records, decisionLog);
    rules.completeCountersign(countersign("head", "countersignature", "REJECT", "countersignComments", "tier 3"));
    verify(records).record("app-1", "countersignDecision", "REJECT", "tier 3", "head", AT);
    verify(decisionLog).record("EXP-2026-000001", DecisionAction.COUNTERSIGNED,
        details("outcome", "REJECT", "comments", "tier 3", "decidedBy", "officer"));
  }
}
