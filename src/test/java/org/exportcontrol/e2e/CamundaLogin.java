package org.exportcontrol.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The login page and account menu that Tasklist, Cockpit and Admin share (camunda-commons-ui). */
final class CamundaLogin {

  private static final By USERNAME = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
  private static final By PASSWORD = By.cssSelector("form[name='signinForm'] input[ng-model='password']");
  private static final By LOG_IN = By.cssSelector("form[name='signinForm'] button[type='submit']");
  private static final By ACCOUNT_MENU = By.cssSelector("li.account a.dropdown-toggle");
  private static final By LOG_OUT = By.cssSelector("li.account li.logout a");

  private CamundaLogin() {}

  /** Logs in through the webapp's own login page, typing like a person (password = user name for the demo users). */
  static void logIn(Browser browser, String appUrl, String user, String fullName) {
    browser.open(appUrl);
    browser.type(USERNAME, user, "the user name field of the login page");
    browser.type(PASSWORD, user, "the password field of the login page");
    browser.click(LOG_IN, "the Log in button");
    browser.until(ExpectedConditions.textToBe(ACCOUNT_MENU, fullName), fullName + " logged in (name in the header)");
  }

  static void logOut(Browser browser) {
    browser.click(ACCOUNT_MENU, "the account menu");
    browser.click(LOG_OUT, "Log out in the account menu");
    browser.find(USERNAME, "the login page after logging out");
  }
}
