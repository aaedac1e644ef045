package org.exportcontrol.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that walk every path of a diagram: a driver that acts as the users do, the
 * engine's clock reset after each test (timers are tested by moving it), and the engine kept for the
 * flow-node coverage check that such a class runs after all its tests.
 */
public abstract class ProcessPathTest extends IntegrationTest {

  protected static ProcessEngine engineForCoverage;

  protected LicenseReviewDriver driver;

  @BeforeEach
  void createDriver() {
    driver = new LicenseReviewDriver(processEngine, rest);
    engineForCoverage = processEngine;
    FlowNodeCoverage.beginClass(processEngine, getClass());
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }
}
