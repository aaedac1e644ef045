package org.exportcontrol.license;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/**
 * {@code ${suspendLicense}}: an ACTIVE license becomes SUSPENDED. With input {@code interim} true it is
 * the interim suspension of a critical report, which the report lifts again if it ends without a
 * suspension or revocation. Sets {@code licenseSuspended}: whether this step suspended it (a license
 * that is already suspended, revoked or expired is left as it is).
 */
@Component("suspendLicense")
@ProcessBean
public class SuspendLicenseDelegate implements JavaDelegate {

  private final LicenseRepository licenses;
  private final Clock clock;

  public SuspendLicenseDelegate(LicenseRepository licenses, Clock clock) {
    this.licenses = licenses;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean suspended = licenses.suspend((String) execution.getVariable("licenseNumber"), OffsetDateTime.now(clock));
    execution.setVariable("licenseSuspended", suspended);
    if (Boolean.TRUE.equals(execution.getVariableLocal("interim"))) {
      execution.setVariable("interimSuspension", suspended);
    }
  }
}
