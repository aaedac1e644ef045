package org.exportcontrol.license;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/** {@code ${recordShutdownVerified}}: the technical reviewer verified the shutdown; the order is fulfilled. */
@Component("recordShutdownVerified")
@ProcessBean
public class RecordShutdownVerifiedDelegate implements JavaDelegate {

  private final ShutdownRepository shutdowns;
  private final Clock clock;

  public RecordShutdownVerifiedDelegate(ShutdownRepository shutdowns, Clock clock) {
    this.shutdowns = shutdowns;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    shutdowns.verify((String) execution.getVariable("licenseNumber"), OffsetDateTime.now(clock),
        (String) execution.getVariable("verifiedBy"), (String) execution.getVariable("verificationNotes"));
  }
}
