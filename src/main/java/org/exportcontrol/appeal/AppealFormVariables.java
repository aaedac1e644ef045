package org.exportcontrol.appeal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.exportcontrol.application.Application;
import org.exportcontrol.application.ApplicationAppealProcess;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.review.ReviewRecords;
import org.exportcontrol.wording.Wording;
import org.springframework.stereotype.Component;

/**
 * What the appeal's forms show, in words (ADR 0028), set task-local and display-only when a step
 * opens: the original application ({@value #APPLICATION_TEXT}), every review, decision and
 * countersignature of it with who and when ({@value #REVIEWS_TEXT}), the refusal with its criteria
 * and rationale ({@value #DECISION_TEXT}); the deciding officer also gets the assessment's
 * recommendation and its author in words. The grounds and the assessment are the process's own texts.
 */
@Component
public class AppealFormVariables extends AbstractBpmnParseListener {

  public static final String APPLICATION_TEXT = "appealApplicationText";
  public static final String REVIEWS_TEXT = "appealReviewsText";
  public static final String DECISION_TEXT = "appealDecisionText";
  public static final String RECOMMENDATION_TEXT = "appealRecommendationText";
  public static final String ASSESSED_BY_TEXT = "appealAssessedByText";
  public static final String DUE_DATE_TEXT = "appealDueDateText";

  private static final List<String> ORIGINAL_STEPS = List.of(ExportLicenseReviewProcess.TECHNICAL_REVIEW,
      ExportLicenseReviewProcess.LEGAL_REVIEW, ExportLicenseReviewProcess.FOREIGN_AFFAIRS_REVIEW,
      ExportLicenseReviewProcess.LICENSING_DECISION, ExportLicenseReviewProcess.COUNTERSIGN);

  private final ApplicationRepository applications;
  private final ReviewRecords records;
  private final Wording wording;

  public AppealFormVariables(ApplicationRepository applications, ReviewRecords records, Wording wording) {
    this.applications = applications;
    this.records = records;
    this.wording = wording;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    if (ApplicationAppealProcess.KEY.equals(((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey())) {
      ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
          .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, this::prepare);
    }
  }

  void prepare(DelegateTask task) {
    String id = (String) task.getVariable(ApplicationAppealProcess.APPLICATION_ID);
    Application a = id == null ? null : applications.find(id).orElse(null);
    if (a == null) {
      return;
    }
    task.setVariableLocal(APPLICATION_TEXT, application(a));
    task.setVariableLocal(REVIEWS_TEXT, reviews(a));
    task.setVariableLocal(DECISION_TEXT, decision(a));
    task.setVariableLocal(DUE_DATE_TEXT, wording.date(task.getVariable(ApplicationAppealProcess.DUE_DATE)));
    Object recommendation = task.getVariable(ApplicationAppealProcess.RECOMMENDATION);
    if (recommendation != null) {
      task.setVariableLocal(RECOMMENDATION_TEXT, wording.label(recommendation));
      task.setVariableLocal(ASSESSED_BY_TEXT, wording.name(task.getVariable(ApplicationAppealProcess.ASSESSED_BY)));
    }
  }

  String application(Application a) {
    List<String> lines = new ArrayList<>();
    lines.add("Reference: " + a.reference() + ", submitted " + wording.dateTime(a.submittedAt()));
    lines.add("Exporter: " + a.exporterName());
    lines.add("Product: " + a.productName() + " (" + wording.label(a.productCategory())
        + (a.productControlEntry() == null ? "" : ", control list entry " + a.productControlEntry()) + ")");
    if (a.productDescription() != null && !a.productDescription().isBlank()) {
      lines.add("Description: " + a.productDescription());
    }
    lines.add("Can the exporter shut it down remotely? " + (a.productRemoteShutdownCapable() ? "Yes" : "No"));
    lines.add("End user: " + a.endUserName() + " (" + wording.label(a.endUserType()) + ", "
        + wording.country(a.endUserCountry()) + ")");
    if (a.countryTier() != null) {
      lines.add("Country tier: " + wording.label(a.countryTier()));
    }
    lines.add("Declared purposes:");
    a.declaredPurposes().forEach(p -> lines.add("- " + ("TERRORIST_ACT".equals(p.kind())
        ? "Terrorist act: " + wording.label(p.act())
        : "Serious crime: " + p.offence() + ", punishable by up to " + p.maxPenaltyYears() + " years in prison")));
    lines.add(a.hasCertificate()
        ? "End-use certificate: signed by " + a.certificateSignatory() + " on " + wording.date(a.certificateSignedOn())
            + (Boolean.TRUE.equals(a.certificateProhibitedUsesAcknowledged())
                ? ", acknowledging the prohibited uses" : ", NOT acknowledging the prohibited uses")
        : "End-use certificate: none");
    return String.join("\n", lines);
  }

  String reviews(Application a) {
    List<ReviewRecords.Entry> entries = records.allOf(List.of(a.id())).getOrDefault(a.id(), List.of()).stream()
        .filter(e -> ORIGINAL_STEPS.contains(e.step())).toList();
    if (entries.isEmpty()) {
      return "No review is on record.";
    }
    return entries.stream().map(e -> e.described(wording)).collect(Collectors.joining("\n"));
  }

  String decision(Application a) {
    StringBuilder text = new StringBuilder("Refused by ").append(wording.name(a.decidedBy())).append(" on ")
        .append(wording.dateTime(a.decidedAt())).append('.');
    if (!a.refusalCriteria().isEmpty()) {
      text.append("\nCriteria:\n").append(a.refusalCriteria().stream().map(c -> "- " + wording.label(c))
          .collect(Collectors.joining("\n")));
    }
    text.append("\nRationale: ").append(a.decisionRationale() == null ? "none written" : a.decisionRationale());
    return text.toString();
  }
}
