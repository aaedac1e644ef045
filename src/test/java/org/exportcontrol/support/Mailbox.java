package org.exportcontrol.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/**
 * The one SMTP server (GreenMail) that the shared test context sends to, on a port the system chose
 * when it bound it, once per JVM, so that builds running side by side on one machine do not collide. Integration tests
 * empty it before each test ({@link IntegrationTest}).
 */
public final class Mailbox {

  private static GreenMail server;

  private Mailbox() {}

  public static synchronized GreenMail server() {
    if (server == null) {
      // the system gives the port when GreenMail binds it: no window in which another build could take it
      server = new GreenMail(new ServerSetup(ServerSetup.PORT_SMTP, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
      server.start();
    }
    return server;
  }

  /**
   * An SMTP outage for {@code sender} until closed: it sends to a port this test holds, where every
   * connection is closed at once, and back to GreenMail afterwards. GreenMail itself keeps running and
   * keeps its port (stopping and starting it again would free the port for anyone meanwhile).
   */
  public static AutoCloseable outage(org.springframework.mail.javamail.JavaMailSenderImpl sender) throws IOException {
    ServerSocket refuser = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
    Thread closer = new Thread(() -> {
      while (!refuser.isClosed()) {
        try {
          refuser.accept().close();
        } catch (IOException closed) {
          // the outage is over
        }
      }
    }, "smtp-outage");
    closer.setDaemon(true);
    closer.start();
    int port = sender.getPort();
    sender.setPort(refuser.getLocalPort());
    return () -> {
      sender.setPort(port);
      refuser.close();
    };
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

}
