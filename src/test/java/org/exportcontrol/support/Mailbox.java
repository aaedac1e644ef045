package org.exportcontrol.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/**
 * The one SMTP server (GreenMail) that the shared test context sends to, on a free port chosen once
 * per JVM, so that builds running side by side on one machine do not collide. Integration tests
 * empty it before each test ({@link IntegrationTest}).
 */
public final class Mailbox {

  private static GreenMail server;

  private Mailbox() {}

  public static synchronized GreenMail server() {
    if (server == null) {
      // a fixed port, so that a test may stop the server and start it again where the app expects it
      server = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
      server.start();
    }
    return server;
  }

  public static int port() {
    return server().getSmtp().getPort();
  }

  public static List<String> subjects(GreenMail smtp) {
    return Arrays.stream(smtp.getReceivedMessages()).map(Mailbox::subject).toList();
  }

  /** The addressees of every email received, one entry per email. */
  public static List<String> recipients(GreenMail smtp) {
    return Arrays.stream(smtp.getReceivedMessages()).map(message -> {
      try {
        return message.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString();
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** The first email whose subject starts so; fails naming what was received. */
  public static MimeMessage mail(GreenMail smtp, String subjectStart) {
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (subject(message).startsWith(subjectStart)) {
        return message;
      }
    }
    throw new AssertionError("no email '" + subjectStart + "…' among " + subjects(smtp));
  }

  public static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
