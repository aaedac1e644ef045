package org.exportcontrol.application;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/** {@code ${withdrawApplication}}: the applicant did not answer in time; the application is WITHDRAWN. */
@Component("withdrawApplication")
@ProcessBean
public class WithdrawApplicationDelegate implements JavaDelegate {

  private final ApplicationRepository applications;
  private final InformationRequestRepository requests;

  public WithdrawApplicationDelegate(ApplicationRepository applications, InformationRequestRepository requests) {
    this.applications = applications;
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = (String) execution.getVariable("applicationId");
    applications.updateStatus(applicationId, ApplicationStatus.WITHDRAWN);
    requests.closeAll(applicationId);
    execution.setVariable("withdrawalReason", "no answer to our question within the deadline");
  }
}
