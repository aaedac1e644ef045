package org.exportcontrol.review;

import static org.exportcontrol.application.ExportLicenseReviewProcess.COUNTERSIGN;
import static org.exportcontrol.application.ExportLicenseReviewProcess.DECIDED_BY;
import static org.exportcontrol.application.ExportLicenseReviewProcess.LICENSING_DECISION;
import static org.exportcontrol.application.ExportLicenseReviewProcess.REVIEWS;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.engine.SeparationOfDuties;
import org.exportcontrol.engine.TaskFields;
import org.springframework.stereotype.Component;

/**
 * The four-eyes rules of a license review: the three reviews are independent (one person gives one
 * of them), no reviewer decides or countersigns, and the officer who decided does not countersign.
 * An amendment continues the case it supersedes (issue 17): who gave a review of an application it
 * amends is held to the same rules on the amendment.
 */
@Component
public class ReviewSeparationOfDuties implements SeparationOfDuties {

  private final ReviewRecords records;

  public ReviewSeparationOfDuties(ReviewRecords records) {
    this.records = records;
  }

  @Override
  public Optional<String> refusal(DelegateTask task, String userId) {
    String step = task.getTaskDefinitionKey();
    String applicationId = (String) task.getVariable(ExportLicenseReviewProcess.APPLICATION_ID);
    if (applicationId == null || !ExportLicenseReviewProcess.KEY.equals(TaskFields.processKey(task))) {
      return Optional.empty();
    }
    if (REVIEWS.contains(step)) {
      List<String> others = REVIEWS.stream().filter(other -> !other.equals(step)).toList();
      if (records.completers(applicationId, others).contains(userId)) {
        return Optional.of("Separation of duties: " + userId + " gave another review of this application; the three reviews are independent");
      }
      return records.earlierCompleters(applicationId, others).contains(userId)
          ? Optional.of("Separation of duties: " + userId + " gave another review of the application this one amends;"
              + " the three reviews are independent")
          : Optional.empty();
    }
    if (COUNTERSIGN.equals(step) && userId.equals(task.getVariable(DECIDED_BY))) {
      return Optional.of("Separation of duties: " + userId + " made this licensing decision and may not countersign it");
    }
    if ((LICENSING_DECISION.equals(step) || COUNTERSIGN.equals(step))
        && records.completers(applicationId, REVIEWS).contains(userId)) {
      return Optional.of("Separation of duties: " + userId + " reviewed this application and may not "
          + (COUNTERSIGN.equals(step) ? "countersign" : "decide") + " it");
    }
    if ((LICENSING_DECISION.equals(step) || COUNTERSIGN.equals(step))
        && records.earlierCompleters(applicationId, REVIEWS).contains(userId)) {
      return Optional.of("Separation of duties: " + userId + " reviewed the application this one amends and may not "
          + (COUNTERSIGN.equals(step) ? "countersign" : "decide") + " it");
    }
    return Optional.empty();
  }

  @Override
  public Set<String> barred(DelegateTask task) {
    String step = task.getTaskDefinitionKey();
    String applicationId = (String) task.getVariable(ExportLicenseReviewProcess.APPLICATION_ID);
    if (applicationId == null || !ExportLicenseReviewProcess.KEY.equals(TaskFields.processKey(task))) {
      return Set.of();
    }
    Set<String> barred = new TreeSet<>();
    if (REVIEWS.contains(step)) {
      List<String> others = REVIEWS.stream().filter(other -> !other.equals(step)).toList();
      barred.addAll(records.completers(applicationId, others));
      barred.addAll(records.earlierCompleters(applicationId, others));
      return barred;
    }
    if (LICENSING_DECISION.equals(step) || COUNTERSIGN.equals(step)) {
      barred.addAll(records.completers(applicationId, REVIEWS));
      barred.addAll(records.earlierCompleters(applicationId, REVIEWS));
    }
    if (COUNTERSIGN.equals(step) && task.getVariable(DECIDED_BY) instanceof String decidedBy) {
      barred.add(decidedBy);
    }
    return barred;
  }
}
