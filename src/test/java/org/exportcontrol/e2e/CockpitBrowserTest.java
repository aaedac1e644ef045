package org.exportcontrol.e2e;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The administrator's view of the running reviews in Camunda Cockpit, in a real browser. */
class CockpitBrowserTest extends BrowserTest {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  @Test
  void adminSeesTheRunningReviewWithItsDiagramAndInstanceCounts() {
    Case application = submitApplication("DE");
    String definitionId = runtimeService.createProcessInstanceQuery()
        .processInstanceId(application.processInstanceId()).singleResult().getProcessDefinitionId();
    // What Cockpit must show, as the engine counts it (other tests' cases may be running too).
    long running = runtimeService.createProcessInstanceQuery().count();
    long reviews = runtimeService.createProcessInstanceQuery().processDefinitionKey("exportLicenseReview").count();
    long legalReviews = taskService.createTaskQuery().processDefinitionId(definitionId)
        .taskDefinitionKey("legalReview").count();
    long technicalReviews = taskService.createTaskQuery().processDefinitionId(definitionId)
        .taskDefinitionKey("technicalReview").count();
    Browser browser = browser("scenario-3-cockpit");

    Cockpit cockpit = new Cockpit(browser, baseUrl()).logIn("admin", "System Administrator");
    cockpit.waitForRunningInstancesOnDashboard(running);
    cockpit.waitForProcessInList("exportLicenseReview", reviews);
    cockpit.openProcess("Export license review");
    cockpit.waitForInstanceBadge("legalReview", legalReviews);
    cockpit.waitForInstanceBadge("technicalReview", technicalReviews);
    cockpit.waitForInstanceRow(application.reference());
    browser.find(cockpit.diagramElement("licensingDecision"), "the licensing decision in the diagram");
    browser.screenshot("scenario-3-cockpit");
  }
}
