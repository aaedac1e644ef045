package org.exportcontrol.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.exportcontrol.e2e.Tasklist.TaskForm;
import org.exportcontrol.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Issue 17 in Tasklist: a licensing officer refuses with the criteria's checklist, and after the
 * applicant's appeal an independent officer assesses it with the whole refused case in view.
 */
class AppealBrowserTest extends BrowserTest {

  static final String GROUNDS = "The buyer's courts audit every warrant before use; the judgment is attached.";
  static final String CRITERIA = "Refusal criteria (tick every criterion the refusal rests on; required to reject)";

  @Test
  void anIndependentOfficerAssessesTheAppealWithTheRefusedCaseInView() {
    TestUsers.ensure(processEngine, "appeals1", "licensing-officers");
    Case application = submitApplication("DE");
    String reference = application.reference();
    String review = driver.approvedByTheReviewers(driver.view("exporter", application.id()), "tech");
    Browser browser = browser("appeal-assessment");
    Tasklist tasklist = new Tasklist(browser, baseUrl());

    // the refusal in Tasklist: the criteria are a checklist, shown once the officer chooses to reject
    tasklist.logIn("officer", "Olga Officer").openFilter("Licensing officers: my group's tasks");
    TaskForm refusal = tasklist.openTask("Licensing decision", reference);
    tasklist.claim();
    refusal.choose("Decision", "Reject");
    refusal.tick(CRITERIA, "Risk that the product or access to it is passed on");
    refusal.tick(CRITERIA, "Risk of use to violate human rights");
    refusal.type("Rationale (required when the advice conflicts or you depart from the suggested outcome)",
        "The end user resells tools to private firms.");
    browser.screenshot("appeal-refusal-with-criteria");
    tasklist.complete("Licensing decision", reference);
    tasklist.logOut();
    driver.runAsyncJobs(review);
    assertThat(((Map<?, ?>) driver.view("exporter", application.id()).get("decision")).get("refusalCriteria"))
        .as("what the checklist submitted").isEqualTo(java.util.List.of("DIVERSION_RISK", "HUMAN_RIGHTS_RISK"));
    ResponseEntity<Map<String, Object>> appealed = driver.post("exporter",
        "/api/applications/" + application.id() + "/appeal", "{\"grounds\": \"" + GROUNDS + "\"}");
    assertThat(appealed.getStatusCode().value()).isEqualTo(201);
    String appealReference = (String) ((Map<?, ?>) appealed.getBody().get("appeal")).get("reference");
    String appeal = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(appealReference).singleResult().getId();
    driver.runAsyncJobs(appeal);

    tasklist.logIn("officer2", "Oscar Officer");
    tasklist.openFilter("Licensing officers: my group's tasks");
    assertThat(tasklist.taskCard("Assess the appeal", reference).getText())
        .contains(reference, "Interceptor <X>", "Demo Cyber Ltd");
    TaskForm form = tasklist.openTask("Assess the appeal", reference);
    assertThat(form.value("Appeal reference")).isEqualTo(appealReference);
    assertThat(form.value("The applicant's grounds")).isEqualTo(GROUNDS);
    assertThat(form.value("Application")).contains("Interceptor <X>", "National Police", "Germany",
        "Terrorist act: Hostage taking");
    assertThat(form.value("Every review, decision and countersignature")).contains("Technical review: Approve",
        "Legal review: Approve", "Foreign-affairs review: Approve", "Licensing decision: Reject, by Olga Officer");
    assertThat(form.value("The refusal: its criteria and rationale")).contains("Refused by Olga Officer",
        "would be passed on to someone else", "violate human rights", "The end user resells tools to private firms.");
    assertThat(form.text()).contains("Case file: " + reference).doesNotContain("DIVERSION_RISK", "HUMAN_RIGHTS_RISK");
    browser.screenshot("appeal-assessment-form");

    tasklist.claim();
    assertThat(((Map<?, ?>) driver.view("exporter", application.id()).get("appeal")).get("status"))
        .as("taken up").isEqualTo("UNDER_ASSESSMENT");
    form.choose("Recommendation", "Uphold the refusal");
    form.type("Assessment (required: the deciding officer and the case's history read it)",
        "The judgment concerns another agency than the end user.");
    tasklist.complete("Assess the appeal", reference);
    browser.screenshot("appeal-assessed");

    Task decision = driver.task(appeal, "decideAppeal");
    assertThat(decision).as("the assessment went on to the decision").isNotNull();
    assertThat(processEngine.getRuntimeService().getVariables(appeal))
        .containsEntry("appealRecommendation", "UPHOLD").containsEntry("appealAssessedBy", "officer2")
        .containsEntry("appealAssessment", "The judgment concerns another agency than the end user.");
    // the case ends here, so that later scenarios see only their own tasks
    driver.complete("appeals1", decision, Map.of("appealOutcome", "REFUSED_AFTER_APPEAL",
        "appealRationale", "The grounds do not concern the end user."));
    driver.runAsyncJobs(appeal);
    assertThat(driver.view("exporter", application.id())).containsEntry("status", "REJECTED");
  }
}
