package org.exportcontrol.license;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.audit.DecisionLogEntry;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/**
 * {@code ${recordShutdownVerified}}: a technical reviewer verified the shutdown after the exporter's
 * latest confirmation (the decision log says so); the order is fulfilled.
 */
@Component("recordShutdownVerified")
@ProcessBean
public class RecordShutdownVerifiedDelegate implements JavaDelegate {

  private final ShutdownRepository shutdowns;
  private final LicenseGrounds grounds;
  private final Clock clock;

  public RecordShutdownVerifiedDelegate(ShutdownRepository shutdowns, LicenseGrounds grounds, Clock clock) {
    this.shutdowns = shutdowns;
    this.grounds = grounds;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = (String) execution.getVariable(LicenseRevocationProcess.LICENSE_NUMBER);
    DecisionLogEntry verification = grounds.verifiedShutdown(execution, number);
    shutdowns.verify(number, OffsetDateTime.now(clock), verification.actor(), verification.detail("notes"));
  }
}
