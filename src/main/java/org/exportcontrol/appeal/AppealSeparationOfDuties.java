package org.exportcontrol.appeal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.exportcontrol.application.ApplicationAppealProcess;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.engine.SeparationOfDuties;
import org.exportcontrol.engine.TaskFields;
import org.exportcontrol.review.ReviewRecords;
import org.springframework.stereotype.Component;

/**
 * An appeal is judged by officers independent of the refusal (issue 17): nobody who reviewed the
 * application, made its licensing decision or countersigned one assesses or decides its appeal, and
 * the officer who assessed it does not decide it.
 */
@Component
public class AppealSeparationOfDuties implements SeparationOfDuties {

  private final ReviewRecords records;

  public AppealSeparationOfDuties(ReviewRecords records) {
    this.records = records;
  }

  @Override
  public Optional<String> refusal(DelegateTask task, String userId) {
    String applicationId = applicationId(task);
    if (applicationId == null) {
      return Optional.empty();
    }
    if (ApplicationAppealProcess.DECIDE.equals(task.getTaskDefinitionKey())
        && userId.equals(task.getVariable(ApplicationAppealProcess.ASSESSED_BY))) {
      return Optional.of("Separation of duties: " + userId + " assessed this appeal and may not decide it");
    }
    String what = ApplicationAppealProcess.ASSESS.equals(task.getTaskDefinitionKey()) ? "assess" : "decide";
    if (records.completers(applicationId, List.of(ExportLicenseReviewProcess.LICENSING_DECISION)).contains(userId)) {
      return Optional.of("Separation of duties: " + userId + " made the licensing decision on this application and may not "
          + what + " its appeal");
    }
    if (records.completers(applicationId, List.of(ExportLicenseReviewProcess.COUNTERSIGN)).contains(userId)) {
      return Optional.of("Separation of duties: " + userId + " countersigned a decision on this application and may not "
          + what + " its appeal");
    }
    if (records.completers(applicationId, ExportLicenseReviewProcess.REVIEWS).contains(userId)) {
      return Optional.of("Separation of duties: " + userId + " reviewed this application and may not " + what
          + " its appeal");
    }
    return Optional.empty();
  }

  @Override
  public Set<String> barred(DelegateTask task) {
    String applicationId = applicationId(task);
    if (applicationId == null) {
      return Set.of();
    }
    Set<String> barred = new TreeSet<>(records.completers(applicationId, ORIGINAL_STEPS));
    if (ApplicationAppealProcess.DECIDE.equals(task.getTaskDefinitionKey())
        && task.getVariable(ApplicationAppealProcess.ASSESSED_BY) instanceof String assessor) {
      barred.add(assessor);
    }
    return barred;
  }

  private static final List<String> ORIGINAL_STEPS = List.of(ExportLicenseReviewProcess.TECHNICAL_REVIEW,
      ExportLicenseReviewProcess.LEGAL_REVIEW, ExportLicenseReviewProcess.FOREIGN_AFFAIRS_REVIEW,
      ExportLicenseReviewProcess.LICENSING_DECISION, ExportLicenseReviewProcess.COUNTERSIGN);

  /** The application of an appeal step; null for any other task. */
  private static String applicationId(DelegateTask task) {
    if (!ApplicationAppealProcess.KEY.equals(TaskFields.processKey(task))) {
      return null;
    }
    return (String) task.getVariable(ApplicationAppealProcess.APPLICATION_ID);
  }
}
