package org.exportcontrol.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exportcontrol.CyberExportControlApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a whole extra application in the test JVM, for tests about start-up itself. Its engine gets
 * a unique name so it does not replace the shared test context's engine in Camunda's registry, and it
 * has no webapps: Cockpit, Tasklist and Admin keep their runtime in static fields, which an extra
 * application's shutdown clears, breaking the shared context's webapps for the browser tests.
 */
public final class Boot {

  private Boot() {}

  /** @param args {@code --name=value} arguments; they override the defaults here. */
  public static ConfigurableApplicationContext start(String profiles, String... args) {
    return start(profiles, List.of(), args);
  }

  /** As {@link #start(String, String...)}, with listeners of the start's events (see {@link ExpectedErrors}). */
  public static ConfigurableApplicationContext start(String profiles, List<ApplicationListener<?>> listeners,
      String... args) {
    Map<String, String> properties = new LinkedHashMap<>(Map.of(
        "server.port", "0",
        "spring.mail.host", "127.0.0.1",
        "spring.mail.port", "1",
        "camunda.bpm.generate-unique-process-engine-name", "true",
        "camunda.bpm.job-execution.enabled", "false",
        "camunda.bpm.webapp.enabled", "false",
        "spring.jmx.enabled", "false"));
    for (String arg : args) {
      int equals = arg.indexOf('=');
      properties.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    return new SpringApplicationBuilder(CyberExportControlApplication.class)
        .listeners(listeners.toArray(new ApplicationListener<?>[0]))
        .profiles(profiles.split(","))
        .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
  }
}
