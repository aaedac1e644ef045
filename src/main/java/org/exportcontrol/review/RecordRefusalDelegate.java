package org.exportcontrol.review;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ApplicationStatus;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/** {@code ${recordRefusal}}: the licensing officer refused; the application is REJECTED with reason REVIEW_REFUSED. */
@Component("recordRefusal")
@ProcessBean
public class RecordRefusalDelegate implements JavaDelegate {

  public static final String REVIEW_REFUSED = "REVIEW_REFUSED";

  private final ApplicationRepository applications;
  private final Clock clock;

  public RecordRefusalDelegate(ApplicationRepository applications, Clock clock) {
    this.applications = applications;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object given = execution.getVariable("decisionRationale");
    String rationale = given instanceof String s && !s.isBlank() ? s
        : "Refused in line with the reviewers' recommendations";
    applications.recordDecision((String) execution.getVariable("applicationId"), ApplicationStatus.REJECTED,
        "REJECTED", List.of(REVIEW_REFUSED), rationale, OffsetDateTime.now(clock),
        (String) execution.getVariable("licensingDecisionBy"));
    execution.setVariable("decisionReasons", REVIEW_REFUSED);
    execution.setVariable("decisionRationaleText", rationale);
  }
}
