package org.exportcontrol.application;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
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
  private final DecisionLog decisionLog;
  private final Clock clock;

  public OpenInformationRequestDelegate(InformationRequestRepository requests, ApplicationRepository applications,
      DecisionLog decisionLog, Clock clock) {
    this.requests = requests;
    this.applications = applications;
    this.decisionLog = decisionLog;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = (String) execution.getVariable(ExportLicenseReviewProcess.APPLICATION_ID);
    String step = (String) execution.getVariable(ApplicantInformationRequestProcess.ASKED_BY_STEP);
    String question = (String) execution.getVariable(ApplicantInformationRequestProcess.QUESTION);
    String requestId = requests.open(applicationId, step, question, OffsetDateTime.now(clock));
    applications.updateStatus(applicationId, ApplicationStatus.INFORMATION_REQUESTED);
    execution.setVariable(ApplicantInformationRequestProcess.REQUEST_ID, requestId);
    var details = DecisionLog.details("requestId", requestId, "askedBy", step, "question", question);
    if (ApplicationService.SCREENING_STEP.equals(step)) {
      decisionLog.recordBySystem(execution.getProcessBusinessKey(), DecisionAction.INFORMATION_REQUESTED, details);
    } else {
      // in the reviewer's completion: the question is that reviewer's
      decisionLog.record(execution.getProcessBusinessKey(), DecisionAction.INFORMATION_REQUESTED, details);
    }
  }
}
