package org.exportcontrol.review;

import static org.exportcontrol.engine.TaskFields.completingUser;
import static org.exportcontrol.engine.TaskFields.oneOf;
import static org.exportcontrol.engine.TaskFields.text;
import static org.exportcontrol.review.ReviewSteps.COUNTERSIGN;
import static org.exportcontrol.review.ReviewSteps.LICENSING_DECISION;
import static org.exportcontrol.review.ReviewSteps.REVIEWS;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.exportcontrol.engine.TaskAuthorizationViolation;
import org.exportcontrol.engine.TaskFields;
import org.exportcontrol.engine.TaskRuleViolation;
import org.springframework.stereotype.Component;

/**
 * The rules of completing a review or decision task, enforced in code for everyone, administrators
 * included (they bypass Camunda's authorizations, not these): the required fields, separation of
 * duties, and the record of who advised or decided what.
 *
 * <p>Attached by task definition key when a diagram is parsed, as built-in listeners: a diagram edit
 * cannot remove them, and "skip custom listeners" does not skip them. A missing or wrong field is a
 * form validation error (400 from /engine-rest, the task stays open); a separation-of-duties breach is
 * an authorization error (403).
 */
@Component
public class TaskRules extends AbstractBpmnParseListener {

  private final ReviewRecords records;
  private final Clock clock;

  public TaskRules(ReviewRecords records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    TaskListener rule = switch (activity.getId()) {
      case ReviewSteps.TECHNICAL, ReviewSteps.LEGAL, ReviewSteps.FOREIGN_AFFAIRS -> this::completeReview;
      case LICENSING_DECISION -> this::completeDecision;
      case COUNTERSIGN -> this::completeCountersign;
      default -> null;
    };
    if (rule != null) {
      TaskFields.onComplete(activity, rule);
    }
  }

  void completeReview(DelegateTask task) {
    String user = completingUser(task);
    String step = task.getTaskDefinitionKey();
    String prefix = ReviewSteps.prefix(step);
    String recommendation = oneOf(task, prefix + "Recommendation", Recommendation.class);
    String comments = text(task, prefix + "Comments");
    if (!Recommendation.APPROVE.name().equals(recommendation) && comments == null) {
      throw new TaskRuleViolation(prefix + "Comments", prefix + "Comments is required unless "
          + prefix + "Recommendation is APPROVE (for REQUEST_INFORMATION it is the question to the applicant)");
    }
    records.record(applicationId(task), step, recommendation, comments, user, now());
  }

  void completeDecision(DelegateTask task) {
    String user = completingUser(task);
    refuseReviewers(task, user, "decide");
    String decision = oneOf(task, "licensingDecision", "APPROVE", "REJECT");
    String suggested = (String) task.getVariable("suggestedOutcome");
    String rationale = text(task, "decisionRationale");
    boolean departs = "CONFLICTING".equals(suggested) || !decision.equals(direction(suggested));
    if (departs && rationale == null) {
      throw new TaskRuleViolation("decisionRationale", "decisionRationale is required: the suggested "
          + "outcome is " + suggested + " and the decision is " + decision);
    }
    records.record(applicationId(task), LICENSING_DECISION, decision, rationale, user, now());
    task.setVariable("licensingDecisionBy", user);
  }

  void completeCountersign(DelegateTask task) {
    String user = completingUser(task);
    if (user.equals(task.getVariable("licensingDecisionBy"))) {
      throw new TaskAuthorizationViolation("Separation of duties: " + user
          + " made this licensing decision and may not countersign it");
    }
    refuseReviewers(task, user, "countersign");
    String countersignature = oneOf(task, "countersignature", "APPROVE", "REJECT");
    String comments = text(task, "countersignComments");
    if ("REJECT".equals(countersignature) && comments == null) {
      throw new TaskRuleViolation("countersignComments",
          "countersignComments is required when the countersignature is REJECT");
    }
    records.record(applicationId(task), COUNTERSIGN, countersignature, comments, user, now());
    task.setVariable("countersignedBy", user);
  }

  private void refuseReviewers(DelegateTask task, String user, String what) {
    Set<String> reviewers = records.completers(applicationId(task), REVIEWS);
    if (reviewers.contains(user)) {
      throw new TaskAuthorizationViolation("Separation of duties: " + user + " reviewed this application and may not "
          + what + " it");
    }
  }

  /** APPROVE and APPROVE_WITH_CONDITIONS both suggest approving. */
  private static String direction(String suggestedOutcome) {
    return "REJECT".equals(suggestedOutcome) ? "REJECT" : "APPROVE";
  }

  private static String applicationId(DelegateTask task) {
    return (String) task.getVariable("applicationId");
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
