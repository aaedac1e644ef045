package org.exportcontrol.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The project's own settings, all under the prefix {@code exportcontrol.}.
 *
 * @param processesDir folder holding the BPMN and DMN files that administrators edit
 * @param formsDir folder holding the Camunda Forms ({@code *.form})
 * @param admin the administrator account created on start-up
 * @param mail sender settings of outgoing email
 */
@ConfigurationProperties("exportcontrol")
public record ExportControlProperties(
    @DefaultValue("processes") Path processesDir,
    @DefaultValue("forms") Path formsDir,
    @DefaultValue Admin admin,
    @DefaultValue Mail mail) {

  /**
   * @param password has no default on purpose: outside the demo profile it must come from configuration
   */
  public record Admin(@DefaultValue("admin") String username, String password,
      @DefaultValue("admin@exportcontrol.example") String email) {}

  public record Mail(@DefaultValue("Cyber Export Control <no-reply@exportcontrol.example>") String from) {}
}
