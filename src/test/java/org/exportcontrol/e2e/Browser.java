package org.exportcontrol.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.exportcontrol.support.Folders;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by Debian's chromedriver: both paths are given, so Selenium
 * Manager never looks for (or downloads) a browser. Every wait has a timeout; a wait that runs out
 * saves the page source and a screenshot and fails naming what was missing.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final WebDriver driver;
  private final WebDriverWait wait;
  private final Path profile;
  private final String scenario;
  private int failures;

  private Browser(WebDriver driver, Path profile, String scenario) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, TIMEOUT);
    wait.ignoring(StaleElementReferenceException.class);
    this.profile = profile;
    this.scenario = scenario;
  }

  /** Starts a fresh browser (new profile directory) for one scenario; fails, never skips, without Chromium. */
  public static Browser start(String scenario) {
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException(binary + " is missing: the browser tests need Debian's Chromium and "
            + "chromedriver (apt-get install chromium chromium-driver)");
      }
    }
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    try {
      Path profile = Files.createTempDirectory("cec-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--user-data-dir=" + profile, "--window-size=1600,1000");
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
      return new Browser(new ChromeDriver(service, options), profile, scenario);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void open(String url) {
    driver.get(url);
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  /** The visible element, waited for. */
  public WebElement find(By locator, String what) {
    return until(ExpectedConditions.visibilityOfElementLocated(locator), what);
  }

  /** Every element the locator matches now, without waiting (for asserting absence after a wait elsewhere). */
  public List<WebElement> findAll(By locator) {
    return driver.findElements(locator);
  }

  /** Waits until the page makes the condition true (non-null, non-false); fails with the page saved. */
  public <T> T until(Function<WebDriver, T> condition, String what) {
    try {
      return wait.until(condition);
    } catch (TimeoutException e) {
      Path source = save("missing-" + (++failures));
      throw new AssertionError("Not within " + TIMEOUT.toSeconds() + " s: " + what + " (on " + driver.getCurrentUrl()
          + "; page source and screenshot: " + source + ")", e);
    }
  }

  /**
   * Clicks like a user: scrolls the element to the middle of the window first (Tasklist's fixed footer
   * covers the bottom rows), and waits while something still covers it.
   */
  public void click(By locator, String what) {
    until(d -> {
      WebElement element = d.findElement(locator);
      if (!element.isDisplayed() || !element.isEnabled()) {
        return false;
      }
      ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
      try {
        element.click();
        return true;
      } catch (ElementClickInterceptedException covered) {
        return false;
      }
    }, what + " to be clickable");
  }

  /** Types into the field like a user: real key events, after clicking into it. */
  public void type(By locator, String text, String what) {
    click(locator, what);
    WebElement field = find(locator, what);
    if (!field.getDomProperty("value").isEmpty()) {
      field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    }
    field.sendKeys(text);
    until(d -> text.equals(d.findElement(locator).getDomProperty("value")), what + " to hold '" + text + "'");
  }

  /** The screenshot of the current screen, as target/e2e-screenshots/NAME.png. */
  /** Runs a script in the page and answers its result. */
  public Object script(String script, Object... arguments) {
    return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script, arguments);
  }

  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Saves the page source and a screenshot as SCENARIO-SUFFIX.html/.png; answers the source's path. */
  public Path save(String suffix) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path source = SCREENSHOTS.resolve(scenario + "-" + suffix + ".html");
      Files.writeString(source, driver.getPageSource(), StandardCharsets.UTF_8);
      screenshot(scenario + "-" + suffix);
      return source;
    } catch (IOException | RuntimeException e) {
      return Path.of("(could not save the page: " + e.getMessage() + ")");
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try {
        Folders.delete(profile);
      } catch (IOException ignored) {
        // a temp directory left behind is harmless
      }
    }
  }
}
