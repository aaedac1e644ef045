package org.exportcontrol.application;

import java.util.List;
import org.exportcontrol.engine.ProcessContract;
import org.exportcontrol.identity.Groups;
import org.springframework.stereotype.Component;

/** The contract of processes/applicantInformationRequest.bpmn: a question to the applicant, called by the review. No user tasks. */
@Component
public class ApplicantInformationRequestProcess extends ProcessContract {

  public static final String KEY = "applicantInformationRequest";

  public static final String MESSAGE_RESPONSE = "ApplicantResponded";

  public static final String REQUEST_ID = "requestId";
  public static final String QUESTION = "question";
  public static final String ASKED_BY_STEP = "askedByStep";
  public static final String ANSWER = "answer";

  public ApplicantInformationRequestProcess() {
    super(KEY, List.of(), List.of(Groups.APPLICANTS), null);
  }
}
