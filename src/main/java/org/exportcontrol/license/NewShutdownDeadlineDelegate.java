package org.exportcontrol.license;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.engine.ProcessBean;
import org.exportcontrol.engine.SlaSettings;
import org.springframework.stereotype.Component;

/**
 * {@code ${newShutdownDeadline}}: the wait for the exporter's confirmation starts again with a new
 * deadline, after a missed one (input {@code escalation} true) or a failed verification.
 */
@Component("newShutdownDeadline")
@ProcessBean
public class NewShutdownDeadlineDelegate implements JavaDelegate {

  private final ShutdownRepository shutdowns;
  private final SlaSettings sla;
  private final Clock clock;

  public NewShutdownDeadlineDelegate(ShutdownRepository shutdowns, SlaSettings sla, Clock clock) {
    this.shutdowns = shutdowns;
    this.sla = sla;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    OffsetDateTime deadline = OffsetDateTime.now(clock).plus(sla.shutdownDeadline());
    shutdowns.newDeadline((String) execution.getVariable("licenseNumber"), deadline,
        Boolean.TRUE.equals(execution.getVariableLocal("escalation")));
    execution.setVariable("shutdownDeadline", Date.from(deadline.toInstant()));
    execution.setVariable("shutdownDeadlineText", deadline.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
  }
}
