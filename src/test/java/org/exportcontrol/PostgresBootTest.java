package org.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.exportcontrol.deployment.FolderDeployer;
import org.exportcontrol.support.Boot;
import org.exportcontrol.support.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole application on a real PostgreSQL: Flyway and the engine's schema, the folder deployment,
 * and a process instance run to its end by the job executor, email included.
 */
class PostgresBootTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetup.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @Test
  void theApplicationRunsAProcessToItsEndOnPostgres() throws Exception {
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
          .as("processes/ and forms/ deployed").isEqualTo(hasFolderFiles() ? 1 : 0);

      repository.createDeployment().name("test-email-notice").addClasspathResource("bpmn/emailNotice.bpmn").deploy();
      ProcessInstance instance = app.getBean(RuntimeService.class).startProcessInstanceByKey("emailNotice", "EXP-PG-1",
          Map.of("recipient", "exporter", "title", "On PostgreSQL", "message", "Hello"));
      TaskService tasks = app.getBean(TaskService.class);
      tasks.complete(tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());

      HistoryService history = app.getBean(HistoryService.class);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).finished().count() == 0
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).finished().count())
          .as("ended by the job executor").isEqualTo(1);
      assertThat(smtp.getReceivedMessages()).hasSize(1);
      assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("EXP-PG-1: On PostgreSQL");
    }
  }

  private static boolean hasFolderFiles() throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of("processes"))) {
      return false;
    }
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("processes"))) {
      return files.anyMatch(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn"));
    }
  }
}
