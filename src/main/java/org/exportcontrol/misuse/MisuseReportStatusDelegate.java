package org.exportcontrol.misuse;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/** {@code ${misuseReportStatus}}: sets the report's status to the input parameter {@code status}. */
@Component("misuseReportStatus")
@ProcessBean
public class MisuseReportStatusDelegate implements JavaDelegate {

  /** Input: the status to set. */
  public static final String STATUS = "status";

  private final MisuseReportRepository reports;
  private final DecisionLog decisionLog;

  public MisuseReportStatusDelegate(MisuseReportRepository reports, DecisionLog decisionLog) {
    this.reports = reports;
    this.decisionLog = decisionLog;
  }

  @Override
  public void execute(DelegateExecution execution) {
    MisuseReportStatus status = MisuseReportStatus.valueOf((String) execution.getVariableLocal(STATUS));
    reports.updateStatus((String) execution.getVariable(MisuseReportProcess.REPORT_ID), status);
    if (status.name().startsWith("CLOSED_")) {
      decisionLog.recordBySystem(execution.getProcessBusinessKey(), DecisionAction.REPORT_CLOSED,
          DecisionLog.details("status", status.name()));
    }
  }
}
