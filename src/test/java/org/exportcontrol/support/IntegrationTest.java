package org.exportcontrol.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import com.icegreen.greenmail.util.GreenMail;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Base of the integration tests: ONE application context for all of them (same configuration, so
 * Spring caches it). The job executor is off so that tests run jobs themselves and see every step;
 * mail goes to one GreenMail server for the JVM ({@link Mailbox}), emptied before each test; processes/ and forms/ are
 * copied to target/it-folders so that tests may change them without touching the real ones. Process
 * test coverage is recorded for every test class (target/process-test-coverage).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:cec-it;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "spring.mail.host=127.0.0.1",
    "camunda.bpm.job-execution.enabled=false",
    // the statistics' conversion rate and holiday (StatisticsApiTest)
    "exportcontrol.statistics.eur-rates.USD=0.9",
    "exportcontrol.calendar.holidays=2043-03-17",
    // Spring Boot's tests turn metrics export off; /actuator/prometheus is part of the contract (issue 19)
    "management.prometheus.metrics.export.enabled=true"})
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public abstract class IntegrationTest {

  public static final String FOLDERS = "target/it-folders";

  /** Runs before the shared context starts (a static initializer could run after it). */
  @DynamicPropertySource
  static void copyOfTheFolders(DynamicPropertyRegistry registry) {
    copyFolder(Path.of("processes"), Path.of(FOLDERS, "processes"));
    copyFolder(Path.of("forms"), Path.of(FOLDERS, "forms"));
    registry.add("exportcontrol.processes-dir", () -> FOLDERS + "/processes");
    registry.add("exportcontrol.forms-dir", () -> FOLDERS + "/forms");
    registry.add("spring.mail.port", Mailbox::port);
  }

  @Autowired protected ProcessEngine processEngine;
  @Autowired protected TestRestTemplate rest;

  /** The SMTP server the application sends to; empty at the start of each test. */
  protected static final GreenMail smtp = Mailbox.server();

  @BeforeEach
  void bindEngineToAssertionsAndEmptyTheMailbox() throws Exception {
    BpmnAwareTests.init(processEngine);
    if (smtp.getSmtp() == null || !smtp.getSmtp().isRunning()) {
      smtp.start();
    }
    smtp.purgeEmailFromAllMailboxes();
  }

  /** A client that logs in as a demo user (password = user name). */
  protected TestRestTemplate as(String user) {
    return rest.withBasicAuth(user, user);
  }

  private static void copyFolder(Path from, Path to) {
    try {
      Folders.delete(to);
      Files.createDirectories(to);
      if (Files.isDirectory(from)) {
        try (Stream<Path> files = Files.walk(from)) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
