package org.exportcontrol.license;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.ProcessBean;
import org.exportcontrol.engine.SlaSettings;
import org.springframework.stereotype.Component;

/**
 * {@code ${newShutdownDeadline}}: the wait for the exporter's confirmation starts again with a new
 * deadline, after a missed one (input {@code escalation} true: not before the deadline has passed,
 * however early the timer is made to fire; counted in {@code missedShutdownDeadlines}) or a failed
 * verification.
 */
@Component("newShutdownDeadline")
@ProcessBean
public class NewShutdownDeadlineDelegate implements JavaDelegate {

  private final ShutdownRepository shutdowns;
  private final LicenseGrounds grounds;
  private final DecisionLog decisionLog;
  private final SlaSettings sla;
  private final Clock clock;

  public NewShutdownDeadlineDelegate(ShutdownRepository shutdowns, LicenseGrounds grounds, DecisionLog decisionLog,
      SlaSettings sla, Clock clock) {
    this.shutdowns = shutdowns;
    this.grounds = grounds;
    this.decisionLog = decisionLog;
    this.sla = sla;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = (String) execution.getVariable(LicenseRevocationProcess.LICENSE_NUMBER);
    boolean escalation = Boolean.TRUE.equals(execution.getVariableLocal(LicenseRevocationProcess.ESCALATION));
    OffsetDateTime now = OffsetDateTime.now(clock);
    Shutdown shutdown = shutdowns.find(number).orElseThrow(() -> grounds.refuse(execution, number, "no shutdown is ordered"));
    if (escalation) {
      if (now.isBefore(shutdown.deadline())) {
        throw grounds.refuse(execution, number, "the shutdown deadline " + shutdown.deadline() + " has not passed");
      }
      decisionLog.recordBySystem(number, DecisionAction.SHUTDOWN_DEADLINE_MISSED, DecisionLog.details(
          "deadline", shutdown.deadline(), "escalations", shutdown.escalations() + 1));
      // what the one escalation task shows and whether it is stepped up (issue 21, 3)
      execution.setVariable(LicenseRevocationProcess.MISSED_SHUTDOWN_DEADLINES, shutdown.escalations() + 1);
    }
    OffsetDateTime deadline = now.plus(sla.shutdownDeadline());
    shutdowns.newDeadline(number, deadline, escalation);
    execution.setVariable(LicenseRevocationProcess.SHUTDOWN_DEADLINE, Date.from(deadline.toInstant()));
    execution.setVariable(LicenseRevocationProcess.SHUTDOWN_DEADLINE_TEXT, deadline.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
  }
}
