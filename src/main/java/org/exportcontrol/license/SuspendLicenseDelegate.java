package org.exportcontrol.license;

import static org.exportcontrol.audit.DecisionLog.details;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.ProcessBean;
import org.exportcontrol.engine.TaskRuleViolation;
import org.springframework.stereotype.Component;

/**
 * {@code ${suspendLicense}}: the misuse report takes its own hold on the license's suspension (the
 * license becomes SUSPENDED if it was ACTIVE, and stays so while any report holds it). With input
 * {@code interim} true it is the interim suspension of a report triaged as critical, lifted again if
 * the report ends without a sanction; otherwise it rests on an officer's decision to suspend, and it
 * survives any other report's clearance. Sets {@code licenseSuspended}: whether the license changed
 * to SUSPENDED in this step (only then is the exporter told it is suspended at once), and for an
 * interim suspension {@code interimSuspension}: whether the report holds one to lift. A decided
 * suspension of a license no longer in force is refused (the officer's completion fails with a 400).
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
    var suspension = licenses.suspend(number, basis.subject(), interim, OffsetDateTime.now(clock));
    if (!interim && !suspension.held()) {
      throw new TaskRuleViolation("misuseAction", "The license is "
          + licenses.find(number).map(License::status).orElse(null) + "; it can no longer be suspended. Please choose another action.");
    }
    execution.setVariable(SUSPENDED, interim ? suspension.licenseSuspended() : suspension.held());
    execution.setVariable(INTERIM_SUSPENSION, interim && suspension.held());
    if (suspension.held()) {
      decisionLog.record(number, DecisionAction.SUSPENDED, details("interim", interim,
          "report", basis.subject(), "decidedBy", basis.actor(),
          "rationale", basis.detail("rationale"),
          "licenseWasActive", suspension.licenseSuspended()));
    }
  }
}
