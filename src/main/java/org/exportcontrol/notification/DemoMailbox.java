package org.exportcontrol.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Demo profile without {@code spring.mail.host}: an SMTP server inside the app receives every email
 * (over real SMTP) and /demo/mailbox shows them, so a newcomer sees what the system sent.
 */
// A controller that also declares the server it shows; both exist only under the same conditions.
@Controller
@Profile("demo")
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
public class DemoMailbox {

  private static final Logger log = LoggerFactory.getLogger(DemoMailbox.class);

  private final ObjectProvider<GreenMail> server;

  DemoMailbox(ObjectProvider<GreenMail> server) {
    this.server = server;
  }

  @Bean(destroyMethod = "stop")
  static GreenMail demoSmtpServer() {
    GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    log.info("Demo SMTP server listening on 127.0.0.1:{}; read the mail at /demo/mailbox", server.getSmtp().getPort());
    return server;
  }

  @Bean
  static JavaMailSenderImpl mailSender(GreenMail demoSmtpServer) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(demoSmtpServer.getSmtp().getPort());
    return sender;
  }

  @GetMapping("/demo/mailbox")
  String mailbox(Model model) {
    List<Mail> mails = Arrays.stream(server.getObject().getReceivedMessages())
        .map(Mail::of)
        .sorted(Comparator.comparing(Mail::received).reversed())
        .toList();
    model.addAttribute("mails", mails);
    return "demo/mailbox";
  }

  record Mail(String received, String to, String subject, String body) {
    static Mail of(MimeMessage message) {
      try {
        return new Mail(String.valueOf(message.getReceivedDate() == null ? message.getSentDate() : message.getReceivedDate()),
            String.join(", ", Arrays.stream(message.getAllRecipients()).map(Object::toString).toList()),
            message.getSubject(), String.valueOf(plainText(message)));
      } catch (MessagingException e) {
        return new Mail("", "", "(unreadable message)", e.getMessage());
      }
    }

    /** The text/plain part, which the templates write for every email. */
    private static String plainText(Part part) {
      try {
        if (part.isMimeType("text/plain")) {
          return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
          for (int i = 0; i < multipart.getCount(); i++) {
            String text = plainText(multipart.getBodyPart(i));
            if (text != null) {
              return text;
            }
          }
        }
        return null;
      } catch (MessagingException | IOException e) {
        return "(unreadable body: " + e.getMessage() + ")";
      }
    }
  }
}
