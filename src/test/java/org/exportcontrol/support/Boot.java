package org.exportcontrol.support;

import java.util.ArrayList;
import java.util.List;
import org.exportcontrol.CyberExportControlApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a whole extra application in the test JVM, for tests about start-up itself. Its engine gets
 * a unique name so it does not replace the shared test context's engine in Camunda's registry.
 */
public final class Boot {

  private Boot() {}

  public static ConfigurableApplicationContext start(String profiles, String... args) {
    List<String> all = new ArrayList<>(List.of(
        "--server.port=0",
        "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=1",
        "--camunda.bpm.generate-unique-process-engine-name=true",
        "--camunda.bpm.job-execution.enabled=false",
        "--spring.jmx.enabled=false"));
    all.addAll(List.of(args));
    return new SpringApplicationBuilder(CyberExportControlApplication.class)
        .profiles(profiles.split(","))
        .run(all.toArray(String[]::new));
  }
}
