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
 * {@code ${liftSuspension}}: the report lifts its own hold on the license's suspension (after an
 * unsubstantiated finding or a warning, or a review that reinstates). The license is ACTIVE again only
 * if no other report still holds it. Sets {@code suspensionLifted}: whether the license became ACTIVE
 * in this step, the only case in which the exporter is told so.
 */
@Component("liftSuspension")
@ProcessBean
public class LiftSuspensionDelegate implements JavaDelegate {

  /** Output: whether this step made the license ACTIVE again. */
  public static final String LIFTED = "suspensionLifted";

  private final LicenseRepository licenses;
  private final LicenseGrounds grounds;
  private final DecisionLog decisionLog;
  private final Clock clock;

  public LiftSuspensionDelegate(LicenseRepository licenses, LicenseGrounds grounds, DecisionLog decisionLog, Clock clock) {
    this.licenses = licenses;
    this.grounds = grounds;
    this.decisionLog = decisionLog;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = (String) execution.getVariable(LicenseRevocationProcess.LICENSE_NUMBER);
    var basis = grounds.lifting(execution);
    String report = (String) execution.getVariable(LicenseGrounds.REPORT_REFERENCE);
    boolean lifted = licenses.liftHold(number, report, OffsetDateTime.now(clock));
    execution.setVariable(LIFTED, lifted);
    if (lifted) {
      decisionLog.record(number, DecisionAction.REINSTATED, details("report", basis.subject(),
          "basis", basis.action().name(), "decidedBy", basis.actor()));
    } else {
      decisionLog.record(number, DecisionAction.SUSPENSION_RELEASED, details("report", report,
          "basis", basis.action().name(), "decidedBy", basis.actor(),
          "licenseStatus", licenses.find(number).map(l -> l.status().name()).orElse(null),
          "stillHeldBy", String.join(", ", licenses.openHolds(number))));
    }
  }
}
