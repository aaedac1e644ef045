package org.exportcontrol.application;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.ProcessBean;
import org.exportcontrol.engine.SlaSettings;
import org.springframework.stereotype.Component;

/**
 * {@code ${withdrawApplication}}: the applicant did not answer in time; the application is WITHDRAWN.
 * Only once a question has been open longer than {@code exportcontrol.sla.applicant-response},
 * however early the deadline's timer is made to fire.
 */
@Component("withdrawApplication")
@ProcessBean
public class WithdrawApplicationDelegate implements JavaDelegate {

  private final ApplicationRepository applications;
  private final InformationRequestRepository requests;
  private final DecisionLog decisionLog;
  private final SlaSettings sla;
  private final Clock clock;

  public WithdrawApplicationDelegate(ApplicationRepository applications, InformationRequestRepository requests,
      DecisionLog decisionLog, SlaSettings sla, Clock clock) {
    this.applications = applications;
    this.requests = requests;
    this.decisionLog = decisionLog;
    this.sla = sla;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String applicationId = (String) execution.getVariable(ExportLicenseReviewProcess.APPLICATION_ID);
    String reference = execution.getProcessBusinessKey();
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<InformationRequest> overdue = requests.open(applicationId).stream()
        .filter(r -> !r.askedAt().plus(sla.applicantResponse()).isAfter(now)).toList();
    if (overdue.isEmpty()) {
      throw decisionLog.refusal(reference, "no question to the applicant is overdue", DecisionLog.details(
          "processInstanceId", execution.getProcessInstanceId(), "activity", execution.getCurrentActivityId()));
    }
    applications.updateStatus(applicationId, ApplicationStatus.WITHDRAWN);
    requests.closeAll(applicationId);
    decisionLog.recordBySystem(reference, DecisionAction.WITHDRAWN,
        DecisionLog.details("by", "deadline", "requestId", overdue.get(0).id()));
    execution.setVariable(ExportLicenseReviewProcess.WITHDRAWAL_REASON, "no answer to our question within the deadline");
  }
}
