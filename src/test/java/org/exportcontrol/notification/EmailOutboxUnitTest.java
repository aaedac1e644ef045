package org.exportcontrol.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Properties;
import org.exportcontrol.support.MemoryDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/** The outbox on an in-memory database and a fake SMTP sender: at most once per key, every attempt on record. */
class EmailOutboxUnitTest {

  final MemoryDatabase db = new MemoryDatabase();
  final JavaMailSender sender = mock(JavaMailSender.class);
  final MailTemplates templates = mock(MailTemplates.class);
  final EmailOutbox outbox = new EmailOutbox(sender, templates, db.jdbc, db.transactionManager,
      new OutgoingMailProperties("Export Control <no-reply@exportcontrol.example>"));

  final Email email = new Email("pi-1:notify", "exporter@example.com", "notice", Map.of("name", "Ada"), "EXP-1", "pi-1");

  @BeforeEach
  void setUp() {
    when(sender.createMimeMessage()).thenAnswer(call -> new MimeMessage(Session.getInstance(new Properties())));
    when(templates.render("notice", Map.of("name", "Ada")))
        .thenReturn(new MailTemplates.Rendered("Your license", "Dear Ada", "<p>Dear Ada</p>"));
  }

  Map<String, Object> row() {
    return db.jdbc.sql("select * from email_message where idempotency_key = 'pi-1:notify'").query().singleRow();
  }

  @Test
  void anEmailIsSentOnceAndRecorded() throws Exception {
    assertThat(outbox.send(email)).isTrue();
    ArgumentCaptor<MimeMessage> sent = ArgumentCaptor.forClass(MimeMessage.class);
    verify(sender).send(sent.capture());
    MimeMessage message = sent.getValue();
    assertThat(message.getSubject()).isEqualTo("Your license");
    assertThat(message.getFrom()[0].toString()).isEqualTo("Export Control <no-reply@exportcontrol.example>");
    assertThat(message.getAllRecipients()[0].toString()).isEqualTo("exporter@example.com");
    assertThat(message.getHeader("X-Export-Control-Key")).containsExactly("pi-1:notify");
    assertThat(message.getHeader("Message-ID")).containsExactly(outbox.messageId("pi-1:notify"));
    java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
    message.writeTo(raw);
    assertThat(raw.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("Dear Ada", "<p>Dear Ada</p>");

    Map<String, Object> row = row();
    assertThat(row).containsEntry("STATUS", "SENT").containsEntry("ATTEMPTS", 1).containsEntry("RECIPIENT",
        "exporter@example.com").containsEntry("SUBJECT", "Your license").containsEntry("TEMPLATE", "notice")
        .containsEntry("BUSINESS_KEY", "EXP-1").containsEntry("PROCESS_INSTANCE_ID", "pi-1");
    assertThat(row.get("SENT_AT")).isNotNull();
    assertThat(row.get("LAST_ERROR")).isNull();

    assertThat(outbox.send(email)).isFalse();
    verify(sender).send(any(MimeMessage.class));
  }

  @Test
  void aFailureIsRecordedAndRethrownAndTheRetrySendsIt() {
    doThrow(new MailSendException("connection refused")).doNothing().when(sender).send(any(MimeMessage.class));
    assertThatThrownBy(() -> outbox.send(email)).isInstanceOf(MailSendException.class).hasMessage("connection refused");
    assertThat(row()).containsEntry("STATUS", "FAILED").containsEntry("ATTEMPTS", 1)
        .containsEntry("LAST_ERROR", "connection refused");
    assertThat(row().get("SENT_AT")).isNull();

    assertThat(outbox.send(email)).isTrue();
    assertThat(row()).containsEntry("STATUS", "SENT").containsEntry("ATTEMPTS", 2);
    assertThat(row().get("LAST_ERROR")).isNull();
  }

  @Test
  void aLongErrorIsCutTo2000CharactersAndAMissingOneIsTheExceptionsClass() {
    doThrow(new MailSendException("x".repeat(2001))).when(sender).send(any(MimeMessage.class));
    assertThatThrownBy(() -> outbox.send(email)).isInstanceOf(MailSendException.class);
    assertThat((String) row().get("LAST_ERROR")).isEqualTo("x".repeat(2000));
    doThrow(new MailSendException("x".repeat(2000))).when(sender).send(any(MimeMessage.class));
    assertThatThrownBy(() -> outbox.send(email)).isInstanceOf(MailSendException.class);
    assertThat((String) row().get("LAST_ERROR")).isEqualTo("x".repeat(2000));
    doThrow(new MailSendException((String) null)).when(sender).send(any(MimeMessage.class));
    assertThatThrownBy(() -> outbox.send(email)).isInstanceOf(MailSendException.class);
    assertThat(row()).containsEntry("LAST_ERROR", MailSendException.class.getName()).containsEntry("ATTEMPTS", 3);
  }

  @Test
  void aSentEmailStaysSentWhenTheJobsTransactionRollsBack() {
    db.transaction().executeWithoutResult(tx -> {
      outbox.send(email);
      tx.setRollbackOnly();
    });
    assertThat(row()).containsEntry("STATUS", "SENT");
  }

  @Test
  void aLongSubjectIsCutTo500Characters() {
    when(templates.render("notice", Map.of("name", "Ada"))).thenReturn(new MailTemplates.Rendered("s".repeat(501), "t", "h"));
    outbox.send(email);
    assertThat(row()).containsEntry("SUBJECT", "s".repeat(500));
  }

  @Test
  void anEmailBeingSentByAnotherJobIsNotSentTwice() {
    db.jdbc.sql("""
        insert into email_message (idempotency_key, recipient, subject, template, status, attempts, created_at)
        values ('pi-1:notify', 'x', 's', 't', 'SENT', 1, current_timestamp)""").update();
    assertThat(outbox.send(email)).isFalse();
    verify(sender, never()).send(any(MimeMessage.class));
  }

  @Test
  void theMessageIdIsStablePerKeyAndCarriesTheSendersDomain() throws Exception {
    String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest("pi-1:notify".getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 32);
    assertThat(outbox.messageId("pi-1:notify")).isEqualTo("<" + hash + "@exportcontrol.example>");
    EmailOutbox bare = new EmailOutbox(sender, templates, db.jdbc, db.transactionManager,
        new OutgoingMailProperties("no-reply@agency.example"));
    assertThat(bare.messageId("pi-1:notify")).isEqualTo("<" + hash + "@agency.example>");
    EmailOutbox noDomain = new EmailOutbox(sender, templates, db.jdbc, db.transactionManager,
        new OutgoingMailProperties("Export Control"));
    assertThat(noDomain.messageId("pi-1:notify")).isEqualTo("<" + hash + "@exportcontrol.invalid>");
  }
}
