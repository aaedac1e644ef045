package org.exportcontrol.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.exportcontrol.e2e.Tasklist.TaskForm;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Nobody is trapped by a task in Tasklist (issue 16, 1 and 2): a reviewer gives back a task he claimed,
 * and the officer who decided an ENHANCED case is not offered its countersignature, which a second
 * officer takes and completes.
 */
class TasklistTrapsBrowserTest extends BrowserTest {

  @Test
  void aReviewerReleasesTheTaskHeClaimed() {
    Case application = submitApplication("DE");
    String reference = application.reference();
    Browser browser = browser("scenario-5-reviewer-releases");
    Tasklist tasklist = new Tasklist(browser, baseUrl()).logIn("tech", "Tess Technical");
    tasklist.openFilter("Technical reviewers: my group's tasks");
    tasklist.openTask("Technical review", reference);
    tasklist.claim();
    assertThat(driver.task(application.processInstanceId(), "technicalReview").getAssignee()).isEqualTo("tech");
    tasklist.unclaim();
    browser.screenshot("scenario-5-reviewer-releases");
    // issue 16, 15: Camunda's migration banner is hidden by the project's user-styles.css
    assertThat(browser.findAll(By.cssSelector(".ce-eol-banner"))).as("the migration banner")
        .noneMatch(WebElement::isDisplayed);
    assertThat(tasklist.notificationsShown()).as("no refusal shown").noneMatch(text -> text.contains("permission"));
    assertThat(driver.task(application.processInstanceId(), "technicalReview").getAssignee())
        .as("released: any technical reviewer may take it").isNull();
  }

  @Test
  void theDecidingOfficerIsNotOfferedTheCountersignatureASecondOfficerTakesIt() {
    Case enhanced = submitApplication("BR");
    String reference = enhanced.reference();
    String instance = enhanced.processInstanceId();
    driver.approvedByTheReviewers(Map.of("reference", reference), "tech");
    driver.complete("officer", driver.task(instance, "licensingDecision"), Map.of("licensingDecision", "APPROVE"));
    // another case at its decision: what officer's list does show, so the list has loaded when it is checked
    Case other = submitApplication("DE");
    driver.approvedByTheReviewers(Map.of("reference", other.reference()), "tech");
    Browser browser = browser("scenario-6-countersign-not-offered-to-the-decider");

    Tasklist tasklist = new Tasklist(browser, baseUrl()).logIn("officer", "Olga Officer");
    tasklist.openFilter("Licensing officers: my group's tasks");
    tasklist.showCases(reference, other.reference());
    tasklist.shownCard("Licensing decision", other.reference());
    assertThat(tasklist.listed("Countersign approval", reference)).as("the countersignature in the decider's list").isFalse();
    // by its address: the group filter's description, shown as a tooltip, covers the filters above it
    tasklist.openFilterByUrl(processEngine.getFilterService().createFilterQuery().filterName("All open work")
        .singleResult().getId());
    tasklist.showCases(reference, other.reference());
    tasklist.shownCard("Licensing decision", other.reference());
    assertThat(tasklist.listed("Countersign approval", reference)).as("... in his overview").isFalse();
    browser.screenshot("scenario-6-countersign-not-offered-to-the-decider");
    tasklist.logOut();

    tasklist.logIn("officer2", "Oscar Officer").openFilter("Licensing officers: my group's tasks");
    TaskForm countersign = tasklist.openTask("Countersign approval", reference);
    assertThat(countersign.value("Country")).isEqualTo("Brazil");
    tasklist.claim();
    countersign.choose("Countersignature", "Countersign the approval");
    tasklist.complete("Countersign approval", reference);
    browser.screenshot("scenario-6-second-officer-countersigns");
    assertThat(processEngine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(instance)
        .taskDefinitionKey("countersignDecision").singleResult().getAssignee()).isEqualTo("officer2");
  }
}
