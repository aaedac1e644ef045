package org.exportcontrol.license;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/**
 * {@code ${liftSuspension}}: a SUSPENDED license is ACTIVE again (an interim suspension lifted, or a
 * suspension reviewed). Sets {@code suspensionLifted}; a license in any other state is left alone.
 */
@Component("liftSuspension")
@ProcessBean
public class LiftSuspensionDelegate implements JavaDelegate {

  private final LicenseRepository licenses;

  public LiftSuspensionDelegate(LicenseRepository licenses) {
    this.licenses = licenses;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("suspensionLifted", licenses.reinstate((String) execution.getVariable("licenseNumber")));
  }
}
