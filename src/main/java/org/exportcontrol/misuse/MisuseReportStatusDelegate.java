package org.exportcontrol.misuse;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/** {@code ${misuseReportStatus}}: sets the report's status to the input parameter {@code status}. */
@Component("misuseReportStatus")
@ProcessBean
public class MisuseReportStatusDelegate implements JavaDelegate {

  private final MisuseReportRepository reports;

  public MisuseReportStatusDelegate(MisuseReportRepository reports) {
    this.reports = reports;
  }

  @Override
  public void execute(DelegateExecution execution) {
    reports.updateStatus((String) execution.getVariable("misuseReportId"),
        MisuseReportStatus.valueOf((String) execution.getVariableLocal("status")));
  }
}
