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

  /** Input: true for the interim suspension of a critical report. */
  public static final String INTERIM = "interim";
  /** Output: whether this step suspended the license. */
  public static final String SUSPENDED = "licenseSuspended";
  /** Output of an interim suspension, kept by the report: whether it is the report's to lift. */
  public static final String INTERIM_SUSPENSION = "interimSuspension";

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
    boolean interim = Boolean.TRUE.equals(execution.getVariableLocal(INTERIM));
    String number = (String) execution.getVariable(LicenseRevocationProcess.LICENSE_NUMBER);
    var basis = interim ? grounds.interimSuspension(execution) : grounds.decidedSuspension(execution);
    boolean suspended = licenses.suspend(number, OffsetDateTime.now(clock));
    execution.setVariable(SUSPENDED, suspended);
    if (interim) {
      execution.setVariable(INTERIM_SUSPENSION, suspended);
    }
    if (suspended) {
      decisionLog.record(number, DecisionAction.SUSPENDED, details("interim", interim,
          "report", basis.subject(), "decidedBy", basis.actor()));
    }
  }
}
