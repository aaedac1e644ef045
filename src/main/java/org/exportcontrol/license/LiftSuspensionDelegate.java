package org.exportcontrol.license;

import static org.exportcontrol.audit.DecisionLog.details;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/**
 * {@code ${liftSuspension}}: a SUSPENDED license is ACTIVE again (an interim suspension lifted after an
 * unsubstantiated finding or a warning, or a suspension reviewed and reinstated). Sets
 * {@code suspensionLifted}; a license in any other state is left alone.
 */
@Component("liftSuspension")
@ProcessBean
public class LiftSuspensionDelegate implements JavaDelegate {

  /** Output: whether this step lifted a suspension. */
  public static final String LIFTED = "suspensionLifted";

  private final LicenseRepository licenses;
  private final LicenseGrounds grounds;
  private final DecisionLog decisionLog;

  public LiftSuspensionDelegate(LicenseRepository licenses, LicenseGrounds grounds, DecisionLog decisionLog) {
    this.licenses = licenses;
    this.grounds = grounds;
    this.decisionLog = decisionLog;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = (String) execution.getVariable(LicenseRevocationProcess.LICENSE_NUMBER);
    var basis = grounds.lifting(execution);
    boolean lifted = licenses.reinstate(number);
    execution.setVariable(LIFTED, lifted);
    if (lifted) {
      decisionLog.record(number, DecisionAction.REINSTATED, details("report", basis.subject(),
          "basis", basis.action().name(), "decidedBy", basis.actor()));
    }
  }
}
