package org.exportcontrol.license;

import static org.exportcontrol.audit.DecisionLog.details;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/**
 * {@code ${expireLicense}}: the validity has ended; an ACTIVE or SUSPENDED license is EXPIRED (a revoked
 * one stays REVOKED). Not before its last valid day has passed, however early the timer is made to
 * fire. Sets {@code licenseExpired}.
 */
@Component("expireLicense")
@ProcessBean
public class ExpireLicenseDelegate implements JavaDelegate {

  private final LicenseRepository licenses;
  private final LicenseGrounds grounds;
  private final DecisionLog decisionLog;
  private final Clock clock;

  public ExpireLicenseDelegate(LicenseRepository licenses, LicenseGrounds grounds, DecisionLog decisionLog, Clock clock) {
    this.licenses = licenses;
    this.grounds = grounds;
    this.decisionLog = decisionLog;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = (String) execution.getVariable(LicenseRevocationProcess.LICENSE_NUMBER);
    License license = licenses.find(number).orElseThrow(() -> grounds.refuse(execution, number, "no such license"));
    if (license.inForce() && LocalDate.now(clock).isBefore(license.validUntil())) {
      throw grounds.refuse(execution, number, "the license is valid until " + license.validUntil());
    }
    boolean expired = licenses.expire(number, OffsetDateTime.now(clock));
    execution.setVariable(LicenseExpiryProcess.LICENSE_EXPIRED, expired);
    if (expired) {
      decisionLog.recordBySystem(number, DecisionAction.EXPIRED, details("validUntil", license.validUntil()));
    }
  }
}
