package org.exportcontrol.license;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ApplicationStatus;
import org.exportcontrol.application.ReferenceNumbers;
import org.exportcontrol.config.ExportControlProperties;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/**
 * {@code ${issueLicense}}: the approved application becomes a license {@code LIC-<year>-<number>},
 * ACTIVE from today for {@code exportcontrol.license.validity}, with the officer's conditions, and
 * starts its {@value #LICENSE_EXPIRY} process (renewal reminder, expiry).
 */
@Component("issueLicense")
@ProcessBean
public class IssueLicenseDelegate implements JavaDelegate {

  public static final String LICENSE_EXPIRY = "licenseExpiry";

  private final LicenseRepository licenses;
  private final ApplicationRepository applications;
  private final ReferenceNumbers references;
  private final ExportControlProperties.License settings;
  private final LicenseFacts facts;
  private final Clock clock;

  public IssueLicenseDelegate(LicenseRepository licenses, ApplicationRepository applications,
      ReferenceNumbers references, ExportControlProperties properties, LicenseFacts facts, Clock clock) {
    this.facts = facts;
    this.licenses = licenses;
    this.applications = applications;
    this.references = references;
    this.settings = properties.license();
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = (String) execution.getVariable("applicationId");
    LocalDate validFrom = LocalDate.now(clock);
    String conditions = text(execution.getVariable("licenseConditions"));
    License license = License.issue(references.next("LIC"), applicationId, validFrom,
        validFrom.plus(settings.validity()), conditions, OffsetDateTime.now(clock));
    licenses.insert(license);

    String rationale = text(execution.getVariable("decisionRationale"));
    applications.recordDecision(applicationId, ApplicationStatus.APPROVED, "APPROVED", List.of(),
        rationale == null ? "Approved in line with the reviewers' recommendations" : rationale,
        OffsetDateTime.now(clock), (String) execution.getVariable("licensingDecisionBy"));

    // the license's own life (renewal reminder, expiry) is a process of its own, keyed by the number
    Map<String, Object> lifecycle = new HashMap<>(facts.of(license.licenseNumber()).orElseThrow());
    lifecycle.put("renewalReminderDate", Date.from(license.validUntil().minus(settings.renewalReminder())
        .atStartOfDay(ZoneOffset.UTC).toInstant()));
    lifecycle.put("expiryDate", Date.from(license.validUntil().atStartOfDay(ZoneOffset.UTC).toInstant()));
    execution.getProcessEngineServices().getRuntimeService()
        .startProcessInstanceByKey(LICENSE_EXPIRY, license.licenseNumber(), lifecycle);

    execution.setVariable("licenseNumber", license.licenseNumber());
    execution.setVariable("licenseValidFrom", license.validFrom().toString());
    execution.setVariable("licenseValidUntil", license.validUntil().toString());
    execution.setVariable("licenseConditions", conditions == null ? "" : conditions);
  }

  private static String text(Object value) {
    return value instanceof String s && !s.isBlank() ? s : null;
  }
}
