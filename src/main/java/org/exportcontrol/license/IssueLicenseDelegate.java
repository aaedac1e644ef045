package org.exportcontrol.license;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ApplicationStatus;
import org.exportcontrol.application.ReferenceNumbers;
import org.exportcontrol.config.ExportControlProperties;
import org.exportcontrol.config.ProcessBean;
import org.springframework.stereotype.Component;

/**
 * {@code ${issueLicense}}: the approved application becomes a license {@code LIC-<year>-<number>},
 * ACTIVE from today for {@code exportcontrol.license.validity}, with the officer's conditions.
 */
@Component("issueLicense")
@ProcessBean
public class IssueLicenseDelegate implements JavaDelegate {

  private final LicenseRepository licenses;
  private final ApplicationRepository applications;
  private final ReferenceNumbers references;
  private final ExportControlProperties.License settings;
  private final Clock clock;

  public IssueLicenseDelegate(LicenseRepository licenses, ApplicationRepository applications,
      ReferenceNumbers references, ExportControlProperties properties, Clock clock) {
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
    License license = new License(references.next("LIC"), applicationId, "ACTIVE", validFrom,
        validFrom.plus(settings.validity()), conditions, OffsetDateTime.now(clock));
    licenses.insert(license);

    String rationale = text(execution.getVariable("decisionRationale"));
    applications.recordDecision(applicationId, ApplicationStatus.APPROVED, "APPROVED", List.of(),
        rationale == null ? "Approved in line with the reviewers' recommendations" : rationale,
        OffsetDateTime.now(clock), (String) execution.getVariable("licensingDecisionBy"));

    execution.setVariable("licenseNumber", license.licenseNumber());
    execution.setVariable("licenseValidFrom", license.validFrom().toString());
    execution.setVariable("licenseValidUntil", license.validUntil().toString());
    execution.setVariable("licenseConditions", conditions == null ? "" : conditions);
  }

  private static String text(Object value) {
    return value instanceof String s && !s.isBlank() ? s : null;
  }
}
