package org.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.exportcontrol.deployment.FolderDeployer;
import org.exportcontrol.support.Boot;
import org.exportcontrol.support.LicenseReviewDriver;
import org.exportcontrol.support.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole application on a real PostgreSQL: Flyway and the engine's schema, the folder deployment,
 * and the license path (application, three reviews, decision, license, emails) run to its end with
 * the job executor on.
 */
class PostgresBootTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetup.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @Test
  void theLicensePathRunsToItsEndOnPostgres() throws Exception {
    try (Postgres postgres = Postgres.freshDatabase();
        ConfigurableApplicationContext app = Boot.start("demo,postgres",
            "--spring.datasource.url=" + postgres.url(),
            "--spring.datasource.username=" + postgres.user(),
            "--spring.datasource.password=" + postgres.password(),
            "--spring.mail.port=" + smtp.getSmtp().getPort(),
            "--camunda.bpm.job-execution.enabled=true")) {
      assertThat(app.getBean(JdbcClient.class).sql("select version()").query(String.class).single())
          .startsWith("PostgreSQL");
      RepositoryService repository = app.getBean(RepositoryService.class);
      assertThat(repository.createDeploymentQuery().deploymentName(FolderDeployer.DEPLOYMENT_NAME).count())
          .as("processes/ and forms/ deployed").isEqualTo(1);
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("exportLicenseReview").count()).isEqualTo(1);

      String port = app.getEnvironment().getProperty("local.server.port");
      TestRestTemplate rest = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port));
      LicenseReviewDriver driver = new LicenseReviewDriver(app.getBean(ProcessEngine.class), rest);
      Map<String, Object> submitted = driver.submit("exporter", LicenseReviewDriver.application("DE"));
      String id = (String) submitted.get("id");
      String instance = driver.processInstanceOf((String) submitted.get("reference"));
      // The job executor sends the receipt meanwhile; a completion racing that job's commit loses with an
      // optimistic-locking error (the job retries, a test's completion does not), so let it finish first.
      long receiptDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (app.getBean(ProcessEngine.class).getManagementService().createJobQuery().processInstanceId(instance)
          .messages().count() > 0 && System.nanoTime() < receiptDeadline) {
        Thread.sleep(100);
      }
      driver.complete("tech", driver.task(instance, "technicalReview"), Map.of("technicalRecommendation", "APPROVE"));
      driver.complete("legal", driver.task(instance, "legalReview"), Map.of("legalRecommendation", "APPROVE"));
      driver.complete("foreign", driver.task(instance, "foreignAffairsReview"),
          Map.of("foreignAffairsRecommendation", "APPROVE"));
      driver.complete("officer", driver.task(instance, "licensingDecision"), Map.of("licensingDecision", "APPROVE"));

      HistoryService history = app.getBean(HistoryService.class);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while ((history.createHistoricProcessInstanceQuery().processInstanceId(instance).finished().count() == 0
          || smtp.getReceivedMessages().length < 2) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).finished().count())
          .as("ended by the job executor").isEqualTo(1);
      Map<String, Object> view = driver.view("exporter", id);
      assertThat(view).containsEntry("status", "APPROVED");
      String license = (String) ((Map<?, ?>) view.get("license")).get("number");
      assertThat(Arrays.stream(smtp.getReceivedMessages()).map(PostgresBootTest::subject).toList())
          .containsExactlyInAnyOrder(submitted.get("reference") + ": application received",
              submitted.get("reference") + ": approved, license " + license);
    }
  }

  private static String subject(jakarta.mail.internet.MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
