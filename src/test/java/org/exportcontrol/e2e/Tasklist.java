package org.exportcontrol.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Camunda Tasklist as a reviewer uses it: log in, pick the group's filter, open a task by the
 * application's reference, claim it and work through its Camunda Form (rendered by form-js, whose
 * fields are found by their labels, as a person finds them).
 */
public final class Tasklist {

  private static final By FILTER_NAMES = By.cssSelector(".task-filters .task-filter h4.name a");
  private static final By CLAIM = By.cssSelector("button.claim");
  private static final By COMPLETE = By.xpath("//div[contains(@class,'form-actions')]/button[normalize-space()='Complete']");
  private static final By NOTIFICATIONS = By.cssSelector(".notifications .alert");

  private final Browser browser;
  private final String appUrl;

  public Tasklist(Browser browser, String baseUrl) {
    this.browser = browser;
    this.appUrl = baseUrl + "/camunda/app/tasklist/default/";
  }

  public Tasklist logIn(String user, String fullName) {
    CamundaLogin.logIn(browser, appUrl, user, fullName);
    return this;
  }

  public void logOut() {
    CamundaLogin.logOut(browser);
  }

  /** The names of the filters the user sees, once Tasklist has loaded them. */
  public List<String> filterNames() {
    browser.find(FILTER_NAMES, "at least one filter in the filter list");
    return browser.findAll(FILTER_NAMES).stream().map(e -> e.getText().replaceAll("\\s+\\d+$", "").trim()).toList();
  }

  public void openFilter(String name) {
    browser.click(By.xpath("//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[starts-with(normalize-space(), "
        + literal(name) + ")]"), "the filter '" + name + "'");
    browser.find(By.xpath("//div[contains(@class,'task-filter') and contains(@class,'active')]//h4/a[starts-with(normalize-space(), "
        + literal(name) + ")]"), "the filter '" + name + "' selected");
  }

  public String activeFilterName() {
    return browser.find(By.cssSelector(".task-filter.active h4.name a"), "the selected filter").getText()
        .replaceAll("\\s+\\d+$", "").trim();
  }

  /** The task's card in the list: its name and the application's reference, which the group filters show. */
  public static By card(String taskName, String reference) {
    return By.xpath("//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"
        + "[.//h4[contains(@class,'task')]/a[normalize-space()=" + literal(taskName) + "]]"
        + "[.//*[normalize-space()=" + literal(reference) + "]]");
  }

  public WebElement taskCard(String taskName, String reference) {
    showCase(reference);
    return shownCard(taskName, reference);
  }

  /** The task's card in the list as it is now narrowed (by {@link #showCases}), waited for. */
  public WebElement shownCard(String taskName, String reference) {
    return browser.find(card(taskName, reference), "the task '" + taskName + "' of " + reference + " in the task list");
  }

  /**
   * Narrows the selected filter to one case, as a caseworker types the reference into Tasklist's
   * search: the filters list the earliest due date first, so in the shared test database a new
   * case's task is not on the first page.
   */
  public void showCase(String reference) {
    search("eq", reference);
  }

  /**
   * Narrows the selected filter to the cases whose reference starts as all of these do: a handful of
   * neighbours, so that a check that one of them is NOT listed has a card beside it that shows the
   * list was there to look at.
   */
  public void showCases(String... references) {
    String prefix = references[0];
    for (String reference : references) {
      while (!reference.startsWith(prefix)) {
        prefix = prefix.substring(0, prefix.length() - 1);
      }
    }
    search("like", prefix + "%");
  }

  private void search(String operator, String value) {
    String url = browser.url();
    String search = "searchQuery=" + URLEncoder.encode("[{\"type\":\"processVariables\",\"operator\":\"" + operator
        + "\",\"value\":\"" + value + "\",\"name\":\"reference\"}]", StandardCharsets.UTF_8).replace("+", "%20");
    if (url.contains(search)) {
      return;
    }
    int query = url.indexOf('?');
    String base = query < 0 ? (url.contains("#/") ? url : url + "#/") : url.substring(0, query);
    String params = query < 0 ? "" : url.substring(query + 1).replaceAll("(^|&)searchQuery=[^&]*", "");
    browser.open(base + "?" + search + (params.isEmpty() ? "" : (params.startsWith("&") ? params : "&" + params)));
  }

  /** The task names of the cards in the list now (after something else has been waited for). */
  public List<String> taskNamesShown() {
    return browser.findAll(By.cssSelector("ol.tasks-list li.task h4.task a")).stream().map(WebElement::getText).toList();
  }

  public TaskForm openTask(String taskName, String reference) {
    showCase(reference);
    browser.click(By.xpath("(" + xpathOf(card(taskName, reference)) + "//h4[contains(@class,'task')]/a)[1]"),
        "the task '" + taskName + "' of " + reference);
    TaskForm form = new TaskForm(browser);
    form.waitFor("Reference", reference);
    return form;
  }

  public void openFilterByUrl(String filterId) {
    browser.open(appUrl + "#/?filter=" + filterId);
  }

  /** Opens a task by its address, as from a link in an email or a colleague's message. */
  public void openTaskByUrl(String taskId) {
    browser.open(appUrl + "#/?task=" + taskId);
  }

  /** The texts of the notifications shown now (none waited for). */
  public List<String> notificationsShown() {
    return browser.findAll(NOTIFICATIONS).stream().map(WebElement::getText).toList();
  }

  public String notification() {
    return browser.find(NOTIFICATIONS, "a notification").getText();
  }

  public void claim() {
    browser.click(CLAIM, "the Claim button");
    browser.until(ExpectedConditions.invisibilityOfElementLocated(CLAIM), "the task claimed (Claim button gone)");
  }

  /** Gives the open task back (the "x" beside one's own name) and waits until it can be claimed again. */
  public void unclaim() {
    browser.click(By.cssSelector("button.unclaim"), "the Unclaim button beside the assignee");
    browser.find(CLAIM, "the Claim button again (the task released)");
  }

  /** Whether the list shows a card of this task and case now (after something else has been waited for). */
  public boolean listed(String taskName, String reference) {
    return !browser.findAll(card(taskName, reference)).isEmpty();
  }

  /** Completes the open task and waits until its card has left the list. */
  public void complete(String taskName, String reference) {
    browser.click(COMPLETE, "the Complete button of the form");
    browser.until(ExpectedConditions.invisibilityOfElementLocated(card(taskName, reference)),
        "the completed task '" + taskName + "' gone from the list (a notification tells why not)");
  }

  /** Clicks Complete without waiting for the task to go (a refusal keeps it). */
  public void clickComplete() {
    browser.click(COMPLETE, "the Complete button of the form");
  }

  /** Whether the element at the Complete button's centre is something else (a notification over it). */
  public boolean completeButtonCovered() {
    WebElement button = browser.find(COMPLETE, "the Complete button of the form");
    Object covered = browser.script("""
        const b = arguments[0]; b.scrollIntoView({block: 'center'});
        const r = b.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !(top === b || b.contains(top));""", button);
    return Boolean.TRUE.equals(covered);
  }

  public boolean formShown() {
    return !browser.findAll(By.cssSelector(".fjs-container")).isEmpty();
  }

  private static String xpathOf(By by) {
    return by.toString().substring("By.xpath: ".length());
  }

  /** An XPath string literal, also for text with apostrophes. */
  static String literal(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }

  /** A Camunda Form rendered by form-js in Tasklist; fields are found by their label. */
  public static final class TaskForm {

    private final Browser browser;

    TaskForm(Browser browser) {
      this.browser = browser;
    }

    private By label(String label) {
      return By.xpath("//div[contains(@class,'fjs-container')]//div[contains(@class,'fjs-form-field')]/label"
          + "[normalize-space(text())=" + literal(label) + "]");
    }

    private By control(String label) {
      String id = browser.find(label(label), "the form field '" + label + "'").getAttribute("for");
      return By.id(id);
    }

    /** The form's visible text (text views and labels). */
    public String text() {
      return browser.find(By.cssSelector(".fjs-container"), "the form").getText();
    }

    /** The address of the form's link with this text. */
    public String link(String text) {
      return browser.find(By.xpath("//div[contains(@class,'fjs-container')]//a[normalize-space()=" + literal(text) + "]"),
          "the link '" + text + "'").getAttribute("href");
    }

    /** What the field shows (text fields and text areas). */
    public String value(String label) {
      return browser.find(control(label), "the input of '" + label + "'").getDomProperty("value");
    }

    public boolean checked(String label) {
      return browser.find(control(label), "the checkbox '" + label + "'").isSelected();
    }

    void waitFor(String label, String expected) {
      browser.until(d -> expected.equals(d.findElement(control(label)).getDomProperty("value")),
          "the form's '" + label + "' showing '" + expected + "'");
    }

    /** Picks an option of a form-js select (a drop-down list, not a native select). */
    public void select(String label, String option) {
      String id = browser.find(label(label), "the select '" + label + "'").getAttribute("for");
      browser.click(By.xpath("//div[@id=" + literal(id + "-display") + "]/.."), "the select '" + label + "'");
      browser.click(By.xpath("//div[contains(@class,'fjs-dropdownlist')]/div[contains(@class,'fjs-dropdownlist-item')"
          + " and normalize-space()=" + literal(option) + "]"), "the option '" + option + "' of '" + label + "'");
      browser.until(ExpectedConditions.textToBe(By.id(id + "-display"), option),
          "'" + label + "' showing '" + option + "'");
    }

    public void type(String label, String text) {
      browser.type(control(label), text, "the field '" + label + "'");
    }

    /** Ticks an option of a checklist (form-js submits the ticked values as a Json array). */
    public void tick(String groupLabel, String option) {
      By box = By.xpath("//div[contains(@class,'fjs-form-field-checklist')][label[normalize-space(text())="
          + literal(groupLabel) + "]]//label[normalize-space()=" + literal(option) + "]/input");
      browser.click(box, "the option '" + option + "' of '" + groupLabel + "'");
      browser.until(ExpectedConditions.elementSelectionStateToBe(box, true), "'" + option + "' ticked");
    }

    /** Chooses an option of a radio group. */
    public void choose(String groupLabel, String option) {
      By radio = By.xpath("//div[contains(@class,'fjs-form-field-radio')][label[normalize-space(text())="
          + literal(groupLabel) + "]]//label[normalize-space()=" + literal(option) + "]/input");
      browser.click(radio, "the option '" + option + "' of '" + groupLabel + "'");
      browser.until(ExpectedConditions.elementSelectionStateToBe(radio, true), "'" + option + "' chosen");
    }
  }
}
