package org.exportcontrol.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The case file in a real browser (issue 16, item 12): an officer logged into Tasklist opens the file of
 * a decided case in the same session and sees, drawn by bpmn-js, the path the case took.
 */
class CaseFileBrowserTest extends BrowserTest {

  @Test
  void anOfficerOpensTheCaseFileFromTasklistAndSeesThePathTaken() {
    Case decided = submitApplication("DE");
    driver.approvedByTheReviewers(Map.of("reference", decided.reference()), "tech");
    driver.complete("officer", driver.task(decided.processInstanceId(), "licensingDecision"),
        Map.of("licensingDecision", "APPROVE", "decisionRationale", "Warrants are audited by a court"));
    driver.runAsyncJobs(decided.processInstanceId());
    Browser browser = browser("case-file");

    new Tasklist(browser, baseUrl()).logIn("officer", "Olga Officer");
    // at the diagrams, so that the screenshot shows them
    browser.open(baseUrl() + "/cases/" + decided.reference() + "#processes");

    browser.find(By.xpath("//h1[normalize-space()='Case file " + decided.reference() + "']"), "the case file's title");
    browser.find(By.xpath("//section[@id='decisions']//tr[td[normalize-space()='Licensing decision']]"
        + "[td[normalize-space()='Olga Officer (officer)']]"), "the officer's decision with the officer's name");
    By review = By.cssSelector("article.process .canvas[data-rendered='true']");
    browser.find(review, "a diagram drawn by bpmn-js");
    browser.until(d -> !d.findElements(By.cssSelector("#diagrams[data-rendered='true']")).isEmpty(), "every diagram drawn");
    // the review process passed its start and the licensing decision; the license's expiry waits (current)
    assertThat(browser.findAll(By.cssSelector(".djs-element.case-passed[data-element-id='applicationSubmitted']")))
        .isNotEmpty();
    assertThat(browser.findAll(By.cssSelector(".djs-element.case-passed[data-element-id='licensingDecision']")))
        .isNotEmpty();
    assertThat(browser.findAll(By.cssSelector(".djs-connection.case-passed"))).as("flows taken").isNotEmpty();
    assertThat(browser.findAll(By.cssSelector(".djs-element.case-current"))).as("where the license stands").isNotEmpty();
    browser.find(By.cssSelector(".djs-element.case-passed[data-element-id='licensingDecision']"),
        "the licensing decision marked as passed");
    browser.screenshot("case-file");
  }
}
