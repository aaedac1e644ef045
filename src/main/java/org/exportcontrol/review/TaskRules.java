package org.exportcontrol.review;

import static org.exportcontrol.application.ExportLicenseReviewProcess.COUNTERSIGN;
import static org.exportcontrol.application.ExportLicenseReviewProcess.LICENSING_DECISION;
import static org.exportcontrol.engine.TaskFields.completingUser;
import static org.exportcontrol.engine.TaskFields.oneOf;
import static org.exportcontrol.engine.TaskFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.application.RefusalCriterion;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.TaskFields;
import org.exportcontrol.engine.TaskRuleViolation;
import org.springframework.stereotype.Component;

/**
 * The rules of completing a review or decision task, enforced in code for everyone, administrators
 * included: the required fields, and the record of who advised or decided what (table {@code review}
 * and the decision log, in the completion's transaction). Who may take the task at all is the task
 * gate's job ({@link org.exportcontrol.engine.TaskGate}, {@link ReviewSeparationOfDuties}).
 *
 * <p>Attached by task definition key when a diagram is parsed, as built-in listeners: a diagram edit
 * cannot remove them, and "skip custom listeners" does not skip them. A missing or wrong field is a
 * form validation error (400 from /engine-rest, the task stays open).
 */
@Component
public class TaskRules extends AbstractBpmnParseListener {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ReviewRecords records;
  private final DecisionLog decisionLog;
  private final Clock clock;

  public TaskRules(ReviewRecords records, DecisionLog decisionLog, Clock clock) {
    this.records = records;
    this.decisionLog = decisionLog;
    this.clock = clock;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    if (!ExportLicenseReviewProcess.KEY.equals(((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey())) {
      return;
    }
    TaskListener rule = switch (activity.getId()) {
      case ExportLicenseReviewProcess.TECHNICAL_REVIEW, ExportLicenseReviewProcess.LEGAL_REVIEW,
          ExportLicenseReviewProcess.FOREIGN_AFFAIRS_REVIEW -> this::completeReview;
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
    String recommendationField = ExportLicenseReviewProcess.recommendation(step);
    String commentsField = ExportLicenseReviewProcess.comments(step);
    String recommendation = oneOf(task, recommendationField, "your recommendation", Recommendation.class);
    String comments = text(task, commentsField);
    if (!Recommendation.APPROVE.name().equals(recommendation) && comments == null) {
      throw new TaskRuleViolation(commentsField, "Please give your comments: they are required unless you recommend "
          + "approval; for a request for information they are the question to the applicant.");
    }
    records.record(applicationId(task), step, recommendation, comments, user, now());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("step", step);
    details.put("recommendation", recommendation);
    details.put("comments", comments);
    decisionLog.record(reference(task), DecisionAction.REVIEW_RECORDED, details);
  }

  void completeDecision(DelegateTask task) {
    String user = completingUser(task);
    String decision = oneOf(task, ExportLicenseReviewProcess.DECISION, "your decision", "APPROVE", "REJECT");
    String suggested = (String) task.getVariable(ExportLicenseReviewProcess.SUGGESTED_OUTCOME);
    String rationale = text(task, ExportLicenseReviewProcess.DECISION_RATIONALE);
    boolean departs = "CONFLICTING".equals(suggested) || !decision.equals(direction(suggested));
    if (departs && rationale == null) {
      throw new TaskRuleViolation(ExportLicenseReviewProcess.DECISION_RATIONALE, "CONFLICTING".equals(suggested)
          ? "Please give your rationale: the reviewers' advice conflicts, so the decision must say why."
          : "Please give your rationale: your decision (" + ("APPROVE".equals(decision) ? "approve" : "reject")
              + ") departs from the suggested outcome (" + (suggested == null ? "none" : suggested.replace('_', ' ').toLowerCase(java.util.Locale.ROOT)) + "), so it must say why.");
    }
    String asked = text(task, ExportLicenseReviewProcess.SUGGESTED_CONDITIONS);
    String conditions = text(task, ExportLicenseReviewProcess.LICENSE_CONDITIONS);
    // Reviewers' conditions are advice the officer may overrule, but never silently (issue 21, 5).
    if ("APPROVE".equals(decision) && asked != null && conditions == null && rationale == null) {
      throw new TaskRuleViolation(ExportLicenseReviewProcess.DECISION_RATIONALE, "Please give your rationale: "
          + "the reviewers asked for conditions and the approval carries none, so it must say why.");
    }
    List<String> criteria = refusalCriteria(task);
    if ("REJECT".equals(decision) && criteria.isEmpty()) {
      throw new TaskRuleViolation(ExportLicenseReviewProcess.REFUSAL_CRITERIA, "Please tick the refusal criteria: "
          + "a refusal must name at least one criterion it rests on.");
    }
    if ("APPROVE".equals(decision) && !criteria.isEmpty()) {
      throw new TaskRuleViolation(ExportLicenseReviewProcess.REFUSAL_CRITERIA, "Please clear the refusal criteria: "
          + "an approval rests on none of them.");
    }
    records.record(applicationId(task), LICENSING_DECISION, decision, rationale, user, now());
    task.setVariable(ExportLicenseReviewProcess.DECIDED_BY, user);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("outcome", decision);
    details.put("suggestedOutcome", suggested);
    details.put("rationale", rationale);
    details.put("conditions", "APPROVE".equals(decision) ? conditions : null);
    if ("REJECT".equals(decision)) {
      details.put("refusalCriteria", criteria);
    }
    decisionLog.record(reference(task), DecisionAction.DECIDED, details);
  }

  void completeCountersign(DelegateTask task) {
    String user = completingUser(task);
    String countersignature = oneOf(task, ExportLicenseReviewProcess.COUNTERSIGNATURE, "whether you countersign",
        "APPROVE", "REJECT");
    String comments = text(task, ExportLicenseReviewProcess.COUNTERSIGN_COMMENTS);
    if ("REJECT".equals(countersignature) && comments == null) {
      throw new TaskRuleViolation(ExportLicenseReviewProcess.COUNTERSIGN_COMMENTS,
          "Please give your comments: they are required when you refuse to countersign, and the deciding officer reads them.");
    }
    records.record(applicationId(task), COUNTERSIGN, countersignature, comments, user, now());
    task.setVariable(ExportLicenseReviewProcess.COUNTERSIGNED_BY, user);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("outcome", countersignature);
    details.put("comments", comments);
    details.put("decidedBy", task.getVariable(ExportLicenseReviewProcess.DECIDED_BY));
    decisionLog.record(reference(task), DecisionAction.COUNTERSIGNED, details);
  }

  /**
   * The ticked refusal criteria, each once, in the order given: a Json array of codes (what a
   * checklist submits, and what /engine-rest sends as type Json), a String holding one, or a list;
   * absent or empty is none. Anything else, or a code not in {@link RefusalCriterion}, is refused.
   */
  static List<String> refusalCriteria(DelegateTask task) {
    Object value = task.getVariable(ExportLicenseReviewProcess.REFUSAL_CRITERIA);
    if (value == null) {
      return List.of();
    }
    List<String> allowed = Arrays.stream(RefusalCriterion.values()).map(Enum::name).toList();
    List<?> items;
    if (value instanceof List<?> list) {
      items = list;
    } else {
      try {
        JsonNode array = JSON.readTree(String.valueOf(value));
        if (array == null || !array.isArray()) {
          throw criteriaRefused(allowed, value);
        }
        List<Object> read = new ArrayList<>();
        array.forEach(node -> read.add(node.isTextual() ? node.asText() : node));
        items = read;
      } catch (JsonProcessingException notJson) {
        throw criteriaRefused(allowed, value);
      }
    }
    Set<String> criteria = new LinkedHashSet<>();
    for (Object item : items) {
      if (!(item instanceof String code) || !allowed.contains(code)) {
        throw criteriaRefused(allowed, item);
      }
      criteria.add(code);
    }
    return List.copyOf(criteria);
  }

  private static TaskRuleViolation criteriaRefused(List<String> allowed, Object value) {
    return new TaskRuleViolation(ExportLicenseReviewProcess.REFUSAL_CRITERIA, "Please choose the refusal criteria "
        + "from the list: " + String.join(", ", allowed) + " (not " + value + ").");
  }

  /** APPROVE and APPROVE_WITH_CONDITIONS both suggest approving. */
  private static String direction(String suggestedOutcome) {
    return "REJECT".equals(suggestedOutcome) ? "REJECT" : "APPROVE";
  }

  private static String applicationId(DelegateTask task) {
    return (String) task.getVariable(ExportLicenseReviewProcess.APPLICATION_ID);
  }

  private static String reference(DelegateTask task) {
    return (String) task.getVariable(ExportLicenseReviewProcess.REFERENCE);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
