package org.exportcontrol.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends email over SMTP at most once per idempotency key, and keeps a record of each.
 *
 * <p>Callers run inside an async job. SMTP cannot take part in the job's transaction, so the record
 * is written in its own transaction: once the server has accepted a message its row says SENT even
 * if the job then rolls back, and the retried job skips it. A failure is recorded and rethrown, so
 * the job retries and, when retries run out, becomes an incident in Cockpit.
 */
@Service
public class EmailOutbox {

  private static final Logger log = LoggerFactory.getLogger(EmailOutbox.class);

  private final JavaMailSender mailSender;
  private final MailTemplates templates;
  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final String from;
  private final String senderDomain;

  public EmailOutbox(JavaMailSender mailSender, MailTemplates templates, JdbcClient jdbc,
      PlatformTransactionManager transactionManager, OutgoingMailProperties properties) {
    this.mailSender = mailSender;
    this.templates = templates;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.from = properties.from();
    String address = from.replaceAll(".*<([^>]*)>.*", "$1");
    this.senderDomain = address.contains("@") ? address.substring(address.indexOf('@') + 1) : "exportcontrol.invalid";
  }

  /** Sends the email unless its key was sent before; returns whether it was sent now. */
  public boolean send(Email email) {
    if (status(email.key()).filter("SENT"::equals).isPresent()) {
      log.info("Email {} was sent before; not sending it again", email.key());
      return false;
    }
    MailTemplates.Rendered rendered = templates.render(email.template(), email.model());
    ownTransaction.executeWithoutResult(tx -> recordAttempt(email, rendered.subject()));
    try {
      mailSender.send(message(email, rendered));
    } catch (MailException e) {
      String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      ownTransaction.executeWithoutResult(tx -> jdbc.sql(
              "update email_message set status = 'FAILED', last_error = ? where idempotency_key = ?")
          .params(error.length() > 2000 ? error.substring(0, 2000) : error, email.key()).update());
      log.warn("Email {} to {} failed: {}", email.key(), email.to(), error);
      throw e;
    }
    ownTransaction.executeWithoutResult(tx -> jdbc.sql(
            "update email_message set status = 'SENT', sent_at = ?, last_error = null where idempotency_key = ?")
        .params(now(), email.key()).update());
    log.info("Email {} '{}' sent to {}", email.key(), rendered.subject(), email.to());
    return true;
  }

  private Optional<String> status(String key) {
    return jdbc.sql("select status from email_message where idempotency_key = ?").param(key)
        .query(String.class).optional();
  }

  private void recordAttempt(Email email, String subject) {
    int updated = jdbc.sql("update email_message set status = 'SENDING', attempts = attempts + 1 where idempotency_key = ?")
        .param(email.key()).update();
    if (updated == 0) {
      try {
        jdbc.sql("""
                insert into email_message (idempotency_key, recipient, subject, template, business_key,
                  process_instance_id, status, attempts, created_at)
                values (?, ?, ?, ?, ?, ?, 'SENDING', 1, ?)""")
            .params(email.key(), email.to(), truncate(subject, 500), email.template(), email.businessKey(),
                email.processInstanceId(), now())
            .update();
      } catch (DuplicateKeyException raced) {
        // another node inserted it a moment ago; its job is the one that sends
        throw new IllegalStateException("Email " + email.key() + " is being sent by another job", raced);
      }
    }
  }

  private MimeMessage message(Email email, MailTemplates.Rendered rendered) {
    MimeMessage message = mailSender.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
      helper.setFrom(from);
      helper.setTo(email.to());
      helper.setSubject(rendered.subject());
      helper.setText(rendered.text(), rendered.html());
      message.setHeader("X-Export-Control-Key", email.key());
      // the same key gives the same Message-ID: a resend after a crash is recognisable as the same
      // message (Spring's sender keeps an explicit Message-ID)
      message.setHeader("Message-ID", messageId(email.key()));
    } catch (MessagingException e) {
      throw new MailPreparationException("Cannot build email " + email.key(), e);
    }
    return message;
  }

  /** {@code <first 32 hex digits of SHA-256(key)>@<the sender's domain>}: stable per idempotency key. */
  String messageId(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      String hash = HexFormat.of().formatHex(digest);
      return "<" + hash.substring(0, 32) + "@" + senderDomain + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  private static String truncate(String value, int max) {
    return value.length() > max ? value.substring(0, max) : value;
  }
}
