package org.exportcontrol.appeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exportcontrol.support.FakeTask.vars;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.exportcontrol.review.ReviewRecords;
import org.exportcontrol.support.FakeTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 17: who may not assess or decide an appeal, without an engine, each refusal in its words. */
class AppealSeparationOfDutiesUnitTest {

  static final List<String> REVIEWS = List.of("technicalReview", "legalReview", "foreignAffairsReview");
  static final List<String> ALL_STEPS = List.of("technicalReview", "legalReview", "foreignAffairsReview",
      "licensingDecision", "countersignDecision");

  final ReviewRecords records = mock(ReviewRecords.class);
  final AppealSeparationOfDuties rule = new AppealSeparationOfDuties(records);
  final ProcessEngineConfigurationImpl configuration = mock(ProcessEngineConfigurationImpl.class, RETURNS_DEEP_STUBS);

  @BeforeEach
  void setUp() {
    processIs("applicationAppeal");
    Context.setProcessEngineConfiguration(configuration);
    when(records.completers("app-1", List.of("licensingDecision"))).thenReturn(Set.of("officer"));
    when(records.completers("app-1", List.of("countersignDecision"))).thenReturn(Set.of("head"));
    when(records.completers("app-1", REVIEWS)).thenReturn(Set.of("tech2", "legal"));
    when(records.completers("app-1", ALL_STEPS)).thenReturn(Set.of("officer", "head", "tech2", "legal"));
  }

  @AfterEach
  void tearDown() {
    Context.removeProcessEngineConfiguration();
  }

  void processIs(String key) {
    when(configuration.getDeploymentCache().findDeployedProcessDefinitionById("def").getKey()).thenReturn(key);
  }

  DelegateTask task(String step, Object... variables) {
    Map<String, Object> all = vars(variables);
    if (!all.containsKey("applicationId")) {
      all.put("applicationId", "app-1");
    }
    DelegateTask task = FakeTask.task(step, "x", all);
    when(task.getProcessDefinitionId()).thenReturn("def");
    return task;
  }

  @Test
  void nobodyWhoTookPartInTheRefusalAssessesItsAppeal() {
    assertThat(rule.refusal(task("assessAppeal"), "officer")).contains(
        "Separation of duties: officer made the licensing decision on this application and may not assess its appeal");
    assertThat(rule.refusal(task("assessAppeal"), "head")).contains(
        "Separation of duties: head countersigned a decision on this application and may not assess its appeal");
    assertThat(rule.refusal(task("assessAppeal"), "tech2")).contains(
        "Separation of duties: tech2 reviewed this application and may not assess its appeal");
    assertThat(rule.refusal(task("assessAppeal"), "officer2")).isEmpty();
    assertThat(rule.barred(task("assessAppeal"))).containsExactlyInAnyOrder("officer", "head", "tech2", "legal");
  }

  @Test
  void theAssessorAndTheOriginalDeciderDoNotDecideIt() {
    DelegateTask decision = task("decideAppeal", "appealAssessedBy", "officer2");
    assertThat(rule.refusal(decision, "officer2"))
        .contains("Separation of duties: officer2 assessed this appeal and may not decide it");
    assertThat(rule.refusal(decision, "officer")).contains(
        "Separation of duties: officer made the licensing decision on this application and may not decide its appeal");
    assertThat(rule.refusal(decision, "tech2")).contains(
        "Separation of duties: tech2 reviewed this application and may not decide its appeal");
    assertThat(rule.refusal(decision, "appeals1")).isEmpty();
    assertThat(rule.barred(decision)).containsExactlyInAnyOrder("officer", "head", "tech2", "legal", "officer2");
    // before anyone assessed it (the variable is set by the assessment's rule)
    assertThat(rule.barred(task("decideAppeal"))).doesNotContain("officer2");
  }

  @Test
  void otherProcessesAreNotItsBusiness() {
    assertThat(rule.refusal(task("assessAppeal", "applicationId", null), "officer")).isEmpty();
    assertThat(rule.barred(task("assessAppeal", "applicationId", null))).isEmpty();
    processIs("exportLicenseReview");
    assertThat(rule.refusal(task("licensingDecision"), "officer")).isEmpty();
    assertThat(rule.barred(task("licensingDecision"))).isEmpty();
  }
}
