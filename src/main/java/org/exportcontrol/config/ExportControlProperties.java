package org.exportcontrol.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The project's own settings, all under the prefix {@code exportcontrol.}.
 *
 * @param processesDir folder holding the BPMN and DMN files that administrators edit
 * @param formsDir folder holding the Camunda Forms ({@code *.form})
 * @param admin the administrator account created on start-up
 * @param mail sender settings of outgoing email
 * @param sla deadlines of the processes (ISO-8601 durations)
 * @param license license settings
 * @param security authentication settings
 */
@ConfigurationProperties("exportcontrol")
public record ExportControlProperties(
    @DefaultValue("processes") Path processesDir,
    @DefaultValue("forms") Path formsDir,
    @DefaultValue Admin admin,
    @DefaultValue Mail mail,
    @DefaultValue Sla sla,
    @DefaultValue License license,
    @DefaultValue Security security) {

  /**
   * @param password has no default on purpose: outside the demo profile it must come from configuration
   */
  public record Admin(@DefaultValue("admin") String username, String password,
      @DefaultValue("admin@exportcontrol.example") String email) {}

  public record Mail(@DefaultValue("Cyber Export Control <no-reply@exportcontrol.example>") String from) {}

  /**
   * @param applicantResponse how long an applicant has to answer a question before the application is withdrawn
   * @param applicantReminder how long before that deadline the applicant is reminded, once
   * @param reviewReminder how long a review may stay open before its group is reminded, once
   * @param suspensionReview how long a suspension lasts before a licensing officer reviews it
   * @param shutdownDeadline how long an exporter has to shut a revoked system down, and each extension
   */
  public record Sla(@DefaultValue("P30D") Duration applicantResponse, @DefaultValue("P5D") Duration applicantReminder,
      @DefaultValue("P5D") Duration reviewReminder, @DefaultValue("P90D") Duration suspensionReview,
      @DefaultValue("PT72H") Duration shutdownDeadline) {}

  /**
   * @param validity how long a license is valid from the day it is issued
   * @param renewalReminder how long before the end of its validity the holder is reminded, once
   */
  public record License(@DefaultValue("P2Y") Period validity, @DefaultValue("P60D") Period renewalReminder) {}

  /**
   * @param credentialCacheTtl how long verified HTTP Basic credentials (and the user's groups) are
   *     remembered; a password change, lock or group change takes effect after at most this long.
   *     PT0S checks every request against the identity service (ADR 0011).
   */
  public record Security(@DefaultValue("PT30S") Duration credentialCacheTtl) {}
}
