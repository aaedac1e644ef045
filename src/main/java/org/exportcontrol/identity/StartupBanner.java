package org.exportcontrol.identity;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** One line at start-up that tells a newcomer where to go and how to log in. */
@Component
class StartupBanner {

  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

  @EventListener
  void ready(ApplicationReadyEvent event) {
    Environment env = event.getApplicationContext().getEnvironment();
    String base = "http://localhost:" + env.getProperty("local.server.port", "8080");
    boolean demo = Arrays.asList(env.getActiveProfiles()).contains("demo")
        || (env.getActiveProfiles().length == 0 && Arrays.asList(env.getDefaultProfiles()).contains("demo"));
    if (demo) {
      boolean mailbox = env.getProperty("spring.mail.host", "").isEmpty();
      log.info("Cyber Export Control is up: Tasklist/Cockpit/Admin at {}/camunda/app/ , API at {}/api{} ; "
              + "demo users (password = user name): admin, {}",
          base, base, mailbox ? " , sent email at " + base + "/demo/mailbox" : "", String.join(", ", DemoUsers.ids()));
    } else {
      log.info("Cyber Export Control is up: Tasklist/Cockpit/Admin at {}/camunda/app/ , API at {}/api", base, base);
    }
  }
}
