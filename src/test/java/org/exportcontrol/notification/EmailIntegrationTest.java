package org.exportcontrol.notification;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.exportcontrol.support.ExpectedErrors;
import org.exportcontrol.support.FlakyStep;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.Mailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Email really goes over SMTP, survives an SMTP outage as retries and an incident, and is never sent twice. */
class EmailIntegrationTest extends IntegrationTest {


  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired JdbcClient jdbc;
  @Autowired FlakyStep flakyStep;
  /** SMTP down and a failing step are real faults: the engine must report them, off the build's console. */
  @RegisterExtension final ExpectedErrors errors = new ExpectedErrors();
  @Autowired EmailOutbox outbox;
  @Autowired JavaMailSenderImpl mailSender;

  @BeforeEach
  void deployTestProcess() {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey("emailNotice").count() == 0) {
      repositoryService.createDeployment().name("test-email-notice")
          .addClasspathResource("bpmn/emailNotice.bpmn").deploy();
    }
  }

  @AfterEach
  void reset() {
    flakyStep.failing(false);
  }

  @Test
  void anEmailReachesTheSmtpServerWithApplicantTextEscaped() throws Exception {
    ProcessInstance instance = start("EXP-TEST-1", "<script>alert('x')</script> & more");
    complete(task(instance));
    assertThat(instance).isWaitingAt("sendNotice");
    execute(job());

    assertThat(instance).isEnded().hasPassedInOrder("confirmNotice", "sendNotice", "afterSend", "done");
    MimeMessage[] received = smtp.getReceivedMessages();
    Assertions.assertThat(received).hasSize(1);
    MimeMessage mail = received[0];
    Assertions.assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("exporter@demo-cyber.example");
    Assertions.assertThat(mail.getSubject()).isEqualTo("EXP-TEST-1: Notice");
    String raw = GreenMailUtil.getWholeMessage(mail);
    String html = raw.substring(raw.indexOf("Content-Type: text/html"));
    String text = raw.substring(raw.indexOf("Content-Type: text/plain"), raw.indexOf("Content-Type: text/html"));
    Assertions.assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more")
        .doesNotContain("<script>alert");
    Assertions.assertThat(text).as("plain text needs no escaping").contains("<script>alert('x')</script> & more");
    Assertions.assertThat(status(instance)).isEqualTo("SENT");
    String key = mail.getHeader("X-Export-Control-Key")[0];
    Assertions.assertThat(mail.getMessageID()).as("derived from the idempotency key, so a resend is recognisable")
        .isEqualTo(outbox.messageId(key)).matches("<[0-9a-f]{32}@exportcontrol\\.example>");
  }

  @Test
  void withSmtpDownTheJobRetriesThenBecomesAnIncidentAndNothingIsLostOrSentTwice() throws Exception {
    ProcessInstance instance = start("EXP-TEST-2", "SMTP outage");
    complete(task(instance));
    errors.expect("org.camunda.bpm.engine.context");
    Job sendJob = job(instance);
    try (AutoCloseable outage = Mailbox.outage(mailSender)) {
      assertThat(sendJob).hasRetries(3);
      for (int attempt = 1; attempt <= 3; attempt++) {
        Assertions.assertThatThrownBy(() -> managementService.executeJob(sendJob.getId()))
            .hasStackTraceContaining("Mail server connection failed");
      }
      Job failed = managementService.createJobQuery().jobId(sendJob.getId()).singleResult();
      Assertions.assertThat(failed.getRetries()).isZero();
      Assertions.assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult()
          .getIncidentType()).isEqualTo("failedJob");
      Assertions.assertThat(status(instance)).isEqualTo("FAILED");
      assertThat(instance).isWaitingAt("sendNotice");
    }

    // SMTP is back; an operator retries in Cockpit
    managementService.setJobRetries(sendJob.getId(), 1);
    managementService.executeJob(sendJob.getId());
    assertThat(instance).isEnded();
    Assertions.assertThat(smtp.getReceivedMessages()).hasSize(1);
    Assertions.assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void aJobRolledBackAfterTheEmailWentOutDoesNotSendItAgain() {
    ProcessInstance instance = start("EXP-TEST-3", "Rollback after send");
    complete(task(instance));
    flakyStep.failing(true);
    errors.expect("org.camunda.bpm.engine.context");

    Job sendJob = job(instance);
    Assertions.assertThatThrownBy(() -> managementService.executeJob(sendJob.getId()))
        .hasStackTraceContaining("flaky step failed on purpose");
    Assertions.assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(instance).isWaitingAt("sendNotice");

    flakyStep.failing(false);
    managementService.executeJob(sendJob.getId());
    assertThat(instance).isEnded();
    Assertions.assertThat(smtp.getReceivedMessages()).as("sent once, not again on the retry").hasSize(1);
    Assertions.assertThat(jdbc.sql("select attempts from email_message where process_instance_id = ?")
        .param(instance.getId()).query(Integer.class).single()).isEqualTo(1);
  }

  private ProcessInstance start(String businessKey, String message) {
    return runtimeService.startProcessInstanceByKey("emailNotice", businessKey,
        withVariables("recipient", "exporter", "title", "Notice", "message", message));
  }

  private String status(ProcessInstance instance) {
    return jdbc.sql("select status from email_message where process_instance_id = ?").param(instance.getId())
        .query(String.class).single();
  }
}
