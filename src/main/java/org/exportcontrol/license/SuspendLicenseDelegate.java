package org.exportcontrol.license;

import static org.exportcontrol.audit.DecisionLog.details;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/**
 * {@code ${suspendLicense}}: an ACTIVE license becomes SUSPENDED. With input {@code interim} true it is
 * the interim suspension of a report triaged as critical, which the report lifts again if it ends
 * without a suspension or revocation; otherwise it rests on an officer's decision to suspend. Sets
 * {@code licenseSuspended}: whether this step suspended it (a license that is already suspended,
 * revoked or expired is left as it is).
 */
@Component("suspendLicense")
@ProcessBean
public class SuspendLicenseDelegate implements JavaDelegate {

  private final LicenseRepository licenses;
  private final LicenseGrounds grounds;
  private final DecisionLog decisionLog;
  private final Clock clock;

  public SuspendLicenseDelegate(LicenseRepository licenses, LicenseGrounds grounds, DecisionLog decisionLog, Clock clock) {
    this.licenses = licenses;
    this.grounds = grounds;
    this.decisionLog = decisionLog;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean interim = Boolean.TRUE.equals(execution.getVariableLocal("interim"));
    String number = (String) execution.getVariable(LicenseRevocationProcess.LICENSE_NUMBER);
    var basis = interim ? grounds.interimSuspension(execution) : grounds.decidedSuspension(execution);
    boolean suspended = licenses.suspend(number, OffsetDateTime.now(clock));
    execution.setVariable("licenseSuspended", suspended);
    if (interim) {
      execution.setVariable("interimSuspension", suspended);
    }
    if (suspended) {
      decisionLog.record(number, DecisionAction.SUSPENDED, details("interim", interim,
          "report", basis.subject(), "decidedBy", basis.actor()));
    }
  }
}
