package org.exportcontrol.cancellation;

import org.exportcontrol.engine.ProcessContract;
import org.springframework.stereotype.Component;

/** The contract of processes/caseCancellation.bpmn: the email that tells the applicant a case was ended. No user tasks. */
@Component
public class CaseCancellationProcess extends ProcessContract {

  public static final String KEY = "caseCancellation";

  public static final String APPLICANT = "applicant";
  public static final String REASON = "cancellationReason";
  public static final String CANCELLED_AT = "cancelledAt";
  /** {@code APPLICATION} or {@code LICENSE}: what the email says is over. */
  public static final String CASE_KIND = "caseKind";

  public CaseCancellationProcess() {
    super(KEY);
  }
}
