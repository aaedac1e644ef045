package org.exportcontrol.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the browser tests: the integration tests' one Spring context (so no second application
 * starts), the application on its random port, and one fresh Chromium per scenario. Tagged
 * {@code e2e}: they run with {@code ./mvnw verify -Pe2e} only.
 */
@Tag("e2e")
public abstract class BrowserTest extends IntegrationTest {

  @LocalServerPort int port;

  /** Saves the page of a failed scenario before its browser closes (after-test callbacks run before @AfterEach). */
  @RegisterExtension final BrowserSession session = new BrowserSession();

  protected LicenseReviewDriver driver;
  private final List<String> started = new ArrayList<>();

  @BeforeEach
  void setUpDriver() {
    driver = new LicenseReviewDriver(processEngine, rest);
  }

  /** The cases a scenario started end with it, so that later scenarios see only their own tasks. */
  @AfterEach
  void endTheScenariosCases() {
    for (String processInstanceId : started) {
      if (processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
        Privileged.run("test clean-up", () ->
            processEngine.getRuntimeService().deleteProcessInstance(processInstanceId, "browser scenario over"));
      }
    }
  }

  protected String baseUrl() {
    return "http://localhost:" + port;
  }

  /** Submits the demo exporter's application through the API, as an exporter's system does. */
  protected Case submitApplication(String country) {
    Map<String, Object> submitted = driver.submit("exporter", LicenseReviewDriver.application(country));
    String reference = (String) submitted.get("reference");
    Case submittedCase = new Case((String) submitted.get("id"), reference, driver.processInstanceOf(reference));
    started.add(submittedCase.processInstanceId());
    return submittedCase;
  }

  /** An application: its id in the API, its reference (the business key) and its review process. */
  protected record Case(String id, String reference, String processInstanceId) {}

  protected Browser browser(String scenario) {
    return session.start(scenario);
  }

  static final class BrowserSession implements AfterTestExecutionCallback {

    private Browser browser;

    Browser start(String scenario) {
      if (browser != null) {
        throw new IllegalStateException("one browser per scenario");
      }
      browser = Browser.start(scenario);
      return browser;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
      if (browser == null) {
        return;
      }
      try {
        if (context.getExecutionException().isPresent()) {
          browser.save("failed");
        }
      } finally {
        browser.close();
        browser = null;
      }
    }
  }
}
