package org.exportcontrol.license;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/**
 * {@code ${expireLicense}}: the validity has ended; an ACTIVE or SUSPENDED license is EXPIRED (a revoked
 * one stays REVOKED). Sets {@code licenseExpired}.
 */
@Component("expireLicense")
@ProcessBean
public class ExpireLicenseDelegate implements JavaDelegate {

  private final LicenseRepository licenses;
  private final Clock clock;

  public ExpireLicenseDelegate(LicenseRepository licenses, Clock clock) {
    this.licenses = licenses;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("licenseExpired",
        licenses.expire((String) execution.getVariable("licenseNumber"), OffsetDateTime.now(clock)));
  }
}
