package org.exportcontrol.review;

import static org.exportcontrol.audit.DecisionLog.details;

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
import org.exportcontrol.application.Application;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ApplicationStatus;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.DecisionLogEntry;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.engine.ProcessBean;
import org.exportcontrol.license.License;
import org.exportcontrol.license.LicenseExpiryProcess;
import org.exportcontrol.license.LicenseFacts;
import org.exportcontrol.license.LicenseProperties;
import org.exportcontrol.license.LicenseRepository;
import org.exportcontrol.reference.ReferenceNumbers;
import org.springframework.stereotype.Component;

/**
 * {@code ${issueLicense}}: the approved application becomes a license {@code LIC-<year>-<number>},
 * ACTIVE from today for {@code exportcontrol.license.validity}, and starts its
 * {@value LicenseExpiryProcess#KEY} process (renewal reminder, expiry). Only on the record: the
 * reviews, the officer's approval and, for the ENHANCED tier, a second officer's countersignature
 * ({@link LicensingGrounds}); the conditions and the rationale are the ones the officer recorded.
 */
@Component("issueLicense")
@ProcessBean
public class IssueLicenseDelegate implements JavaDelegate {

  private final LicenseRepository licenses;
  private final ApplicationRepository applications;
  private final ReferenceNumbers references;
  private final LicenseProperties settings;
  private final LicenseFacts facts;
  private final LicensingGrounds grounds;
  private final DecisionLog decisionLog;
  private final Clock clock;

  public IssueLicenseDelegate(LicenseRepository licenses, ApplicationRepository applications,
      ReferenceNumbers references, LicenseProperties settings, LicenseFacts facts, LicensingGrounds grounds,
      DecisionLog decisionLog, Clock clock) {
    this.licenses = licenses;
    this.applications = applications;
    this.references = references;
    this.settings = settings;
    this.facts = facts;
    this.grounds = grounds;
    this.decisionLog = decisionLog;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LicensingGrounds.Decided approved = grounds.requireApproval(execution);
    DecisionLogEntry decision = approved.decision();
    issue(execution, approved.application(), decision.detail("conditions"), decision.detail("rationale"),
        decision.actor(), null);
  }

  /**
   * Issues the license of an application whose approval the caller has found on the record: the
   * license, the application APPROVED with the rationale of {@code decidedBy}, {@code LICENSE_ISSUED}
   * in the decision log and the license's expiry process; the license's number, validity and
   * conditions become variables of {@code execution} for the email.
   *
   * @param appeal null, or the reference of the appeal that granted it: the license is then issued on
   *     appeal ({@code issuedOnAppeal} in its view, {@code appeal} in the decision log)
   */
  public License issue(DelegateExecution execution, Application application, String conditions, String rationale,
      String decidedBy, String appeal) {
    LocalDate validFrom = LocalDate.now(clock);
    License license = License.issue(references.next("LIC"), application.id(), validFrom,
        validFrom.plus(settings.validity()), conditions, OffsetDateTime.now(clock));
    licenses.insert(license);
    Map<String, Object> details = details(
        "application", application.reference(), "validFrom", license.validFrom(), "validUntil", license.validUntil(),
        "conditions", conditions, "decidedBy", decidedBy);
    if (appeal != null) {
      licenses.markIssuedOnAppeal(license.licenseNumber());
      details.put("appeal", appeal);
    }
    applications.recordDecision(application.id(), ApplicationStatus.APPROVED, "APPROVED", List.of(),
        rationale, OffsetDateTime.now(clock), decidedBy);
    decisionLog.record(license.licenseNumber(), DecisionAction.LICENSE_ISSUED, details);

    // the license's own life (renewal reminder, expiry) is a process of its own, keyed by the number
    Map<String, Object> lifecycle = new HashMap<>(facts.of(license.licenseNumber()).orElseThrow());
    lifecycle.put(LicenseExpiryProcess.RENEWAL_REMINDER_DATE, Date.from(license.validUntil().minus(settings.renewalReminder())
        .atStartOfDay(ZoneOffset.UTC).toInstant()));
    lifecycle.put(LicenseExpiryProcess.EXPIRY_DATE, Date.from(license.validUntil().atStartOfDay(ZoneOffset.UTC).toInstant()));
    Privileged.run("license expiry of " + license.licenseNumber(), () -> execution.getProcessEngineServices()
        .getRuntimeService().startProcessInstanceByKey(LicenseExpiryProcess.KEY, license.licenseNumber(), lifecycle));

    execution.setVariable(ExportLicenseReviewProcess.LICENSE_NUMBER, license.licenseNumber());
    execution.setVariable(ExportLicenseReviewProcess.LICENSE_VALID_FROM, license.validFrom().toString());
    execution.setVariable(ExportLicenseReviewProcess.LICENSE_VALID_UNTIL, license.validUntil().toString());
    execution.setVariable(ExportLicenseReviewProcess.LICENSE_CONDITIONS, conditions == null ? "" : conditions);
    return license;
  }
}
