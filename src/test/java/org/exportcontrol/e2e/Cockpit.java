package org.exportcontrol.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Camunda Cockpit as an administrator uses it: the dashboard, the process list, a process's diagram. */
public final class Cockpit {

  private static final By RUNNING_INSTANCES = By.cssSelector(".stats-section.process-instances a.value");

  private final Browser browser;
  private final String appUrl;

  public Cockpit(Browser browser, String baseUrl) {
    this.browser = browser;
    this.appUrl = baseUrl + "/camunda/app/cockpit/default/";
  }

  public Cockpit logIn(String user, String fullName) {
    CamundaLogin.logIn(browser, appUrl, user, fullName);
    return this;
  }

  /** The dashboard's "Running Process Instances" figure, once it equals the expected one. */
  public void waitForRunningInstancesOnDashboard(long expected) {
    browser.until(ExpectedConditions.textToBe(RUNNING_INSTANCES, String.valueOf(expected)),
        "the dashboard's Running Process Instances showing " + expected);
  }

  /** Opens the process list and waits for the process's row with its running instances. */
  public void waitForProcessInList(String key, long runningInstances) {
    browser.click(By.cssSelector("a[href='#/processes']"), "Processes in the header");
    browser.until(ExpectedConditions.textToBe(By.xpath("//tr[td[contains(@class,'key')]//a[normalize-space()="
            + Tasklist.literal(key) + "]]/td[contains(@class,'instances')]"), String.valueOf(runningInstances)),
        "the process list showing " + runningInstances + " running instances of " + key);
  }

  public void openProcess(String name) {
    browser.click(By.xpath("//td[contains(@class,'name')]//a[normalize-space()=" + Tasklist.literal(name) + "]"),
        "the process '" + name + "' in the list");
  }

  /** The diagram's element, rendered by bpmn-js. */
  public By diagramElement(String elementId) {
    return By.cssSelector(".djs-container g.djs-element[data-element-id='" + elementId + "']");
  }

  /** Waits for the diagram's count badge on an activity to show the number of instances waiting there. */
  public void waitForInstanceBadge(String elementId, long count) {
    browser.find(diagramElement(elementId), "the diagram element " + elementId);
    browser.until(ExpectedConditions.textToBe(By.cssSelector(".djs-overlays[data-container-id='" + elementId
            + "'] .badge.instance-count"), String.valueOf(count)),
        "the diagram's badge on " + elementId + " showing " + count + " instance(s)");
  }

  /** The business keys listed under "Process Instances" below the diagram. */
  public void waitForInstanceRow(String businessKey) {
    browser.find(By.xpath("//table//td[normalize-space()=" + Tasklist.literal(businessKey) + "]"),
        "the running instance " + businessKey + " in the instance list");
  }
}
