package org.exportcontrol.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exportcontrol.support.FakeTask.vars;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.exportcontrol.support.FakeTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The four-eyes rules of a license review without an engine, each refusal in its words. */
class ReviewSeparationOfDutiesUnitTest {

  static final List<String> OTHER_THAN_TECHNICAL = List.of("legalReview", "foreignAffairsReview");
  static final List<String> REVIEWS = List.of("technicalReview", "legalReview", "foreignAffairsReview");

  final ReviewRecords records = mock(ReviewRecords.class);
  final ReviewSeparationOfDuties rule = new ReviewSeparationOfDuties(records);
  final ProcessEngineConfigurationImpl configuration = mock(ProcessEngineConfigurationImpl.class, RETURNS_DEEP_STUBS);

  @BeforeEach
  void setUp() {
    processIs("exportLicenseReview");
    Context.setProcessEngineConfiguration(configuration);
    when(records.completers("app-1", OTHER_THAN_TECHNICAL)).thenReturn(Set.of("legal"));
    when(records.completers("app-1", REVIEWS)).thenReturn(Set.of("tech", "legal"));
  }

  @AfterEach
  void tearDown() {
    Context.removeProcessEngineConfiguration();
  }

  void processIs(String key) {
    when(configuration.getDeploymentCache().findDeployedProcessDefinitionById("def").getKey()).thenReturn(key);
  }

  DelegateTask task(String step, Object... variables) {
    java.util.Map<String, Object> all = vars(variables);
    if (!all.containsKey("applicationId")) {
      all.put("applicationId", "app-1");
    }
    DelegateTask task = FakeTask.task(step, "x", all);
    when(task.getProcessDefinitionId()).thenReturn("def");
    return task;
  }

  @Test
  void oneReviewerGivesOneReview() {
    assertThat(rule.refusal(task("technicalReview"), "legal")).contains("Separation of duties: legal gave another "
        + "review of this application; the three reviews are independent");
    assertThat(rule.refusal(task("technicalReview"), "tech")).isEmpty();
  }

  @Test
  void noReviewerDecidesOrCountersigns() {
    assertThat(rule.refusal(task("licensingDecision"), "tech"))
        .contains("Separation of duties: tech reviewed this application and may not decide it");
    assertThat(rule.refusal(task("countersignDecision", "licensingDecisionBy", "officer"), "legal"))
        .contains("Separation of duties: legal reviewed this application and may not countersign it");
    assertThat(rule.refusal(task("licensingDecision"), "officer")).isEmpty();
  }

  @Test
  void theDeciderDoesNotCountersign() {
    assertThat(rule.refusal(task("countersignDecision", "licensingDecisionBy", "officer"), "officer"))
        .contains("Separation of duties: officer made this licensing decision and may not countersign it");
    assertThat(rule.refusal(task("countersignDecision", "licensingDecisionBy", "officer"), "head")).isEmpty();
  }

  /** Issue 17: an amendment continues the case; who reviewed the application it amends is held to the same rules. */
  @Test
  void whoReviewedTheAmendedApplicationIsHeldToTheSameRulesOnTheAmendment() {
    when(records.earlierCompleters("app-1", OTHER_THAN_TECHNICAL)).thenReturn(Set.of("lara"));
    when(records.earlierCompleters("app-1", REVIEWS)).thenReturn(Set.of("tina", "lara"));
    assertThat(rule.refusal(task("technicalReview"), "lara")).contains("Separation of duties: lara gave another "
        + "review of the application this one amends; the three reviews are independent");
    // the same review again is no second review
    assertThat(rule.refusal(task("technicalReview"), "tina")).isEmpty();
    assertThat(rule.refusal(task("licensingDecision"), "tina"))
        .contains("Separation of duties: tina reviewed the application this one amends and may not decide it");
    assertThat(rule.refusal(task("countersignDecision", "licensingDecisionBy", "officer"), "tina"))
        .contains("Separation of duties: tina reviewed the application this one amends and may not countersign it");
    assertThat(rule.refusal(task("licensingDecision"), "officer")).isEmpty();

    assertThat(rule.barred(task("technicalReview"))).containsExactlyInAnyOrder("legal", "lara");
    assertThat(rule.barred(task("licensingDecision"))).containsExactlyInAnyOrder("tech", "legal", "tina", "lara");
    assertThat(rule.barred(task("countersignDecision", "licensingDecisionBy", "officer")))
        .containsExactlyInAnyOrder("tech", "legal", "tina", "lara", "officer");
  }

  @Test
  void otherTasksAndOtherProcessesAreNotItsBusiness() {
    assertThat(rule.refusal(task("applicantResponse"), "tech")).isEmpty();
    assertThat(rule.refusal(task("licensingDecision", "applicationId", null), "tech")).isEmpty();
    processIs("misuseReport");
    assertThat(rule.refusal(task("licensingDecision"), "tech")).isEmpty();
  }
}
