package org.exportcontrol.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The dashboard and a published transparency report in a real browser (issue 19): an officer logged
 * into Tasklist opens the dashboard in the same session; anyone opens the public report. Screenshots
 * of both are saved under target/e2e-screenshots.
 */
class StatisticsBrowserTest extends BrowserTest {

  @Test
  void anOfficerSeesTheDashboardAndAnyoneThePublishedReport() {
    submitApplication("FR");
    Browser browser = browser("statistics");
    new Tasklist(browser, baseUrl()).logIn("officer", "Olga Officer");
    browser.open(baseUrl() + "/dashboard");
    browser.find(By.xpath("//h1[normalize-space()=\"The agency's work\"]"), "the dashboard's title");
    browser.find(By.xpath("//figure[figcaption[normalize-space()='Open cases by current step']]//*[local-name()='svg']"),
        "the backlog chart");
    assertThat(browser.findAll(By.xpath("//*[local-name()='rect']"))).as("bars drawn").isNotEmpty();
    browser.screenshot("dashboard");

    // a year with four licenses (one to France: shown as <3, Germany's three withheld beside it), published in the next one
    try {
      ClockUtil.setCurrentTime(Date.from(Instant.parse("2046-05-04T10:00:00Z")));
      driver.license("FR");
      for (int i = 0; i < 3; i++) {
        driver.license("DE");
      }
      ClockUtil.setCurrentTime(Date.from(Instant.parse("2047-01-05T10:00:00Z")));
      assertThat(driver.post("admin", "/api/statistics/transparency/2046/publication", null).getStatusCode().value())
          .isEqualTo(201);
    } finally {
      ClockUtil.reset();
    }
    browser.open(baseUrl() + "/transparency/2046");
    browser.find(By.xpath("//h1[contains(., '2046')]"), "the report's title");
    browser.find(By.xpath("//section[@id='licensesIssued']//tr[td[normalize-space()='France (FR)']]/td[normalize-space()='<3']"),
        "France's license count suppressed");
    browser.find(By.xpath("//section[@id='licensesIssued']//tr[td[normalize-space()='Germany (DE)']]/td[normalize-space()='withheld']"),
        "Germany's three licenses withheld: the total minus them would tell France's");
    browser.screenshot("transparency");
  }
}
