package org.exportcontrol.application;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/**
 * {@code ${openInformationRequest}}: records the question ({@code question}, asked by
 * {@code askedByStep}) as an open request that the applicant sees and answers through the API, and
 * marks the application INFORMATION_REQUESTED. Sets {@code requestId}, by which the answer is correlated.
 */
@Component("openInformationRequest")
@ProcessBean
public class OpenInformationRequestDelegate implements JavaDelegate {

  private final InformationRequestRepository requests;
  private final ApplicationRepository applications;
  private final Clock clock;

  public OpenInformationRequestDelegate(InformationRequestRepository requests, ApplicationRepository applications,
      Clock clock) {
    this.requests = requests;
    this.applications = applications;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = (String) execution.getVariable("applicationId");
    String requestId = requests.open(applicationId, (String) execution.getVariable("askedByStep"),
        (String) execution.getVariable("question"), OffsetDateTime.now(clock));
    applications.updateStatus(applicationId, ApplicationStatus.INFORMATION_REQUESTED);
    execution.setVariable("requestId", requestId);
  }
}
