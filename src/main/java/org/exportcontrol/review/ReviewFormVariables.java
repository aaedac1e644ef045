package org.exportcontrol.review;

import java.util.List;
import java.util.Map;
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
import org.exportcontrol.application.ApplicationChanges;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.wording.Wording;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The display variables the review and decision forms need beyond the case's codes in words
 * ({@link org.exportcontrol.wording.FormWording}): the screening's outcome and reasons in words, the
 * certificate's details and every declared offence with its penalty (the legal review), and the
 * country's earlier decisions in this system (the foreign-affairs review), counted when the task is
 * created. Task-local and display-only, like the card variables.
 */
@Component
public class ReviewFormVariables extends AbstractBpmnParseListener {

  public static final String SCREENING_TEXT = "screeningText";
  public static final String CERTIFICATE_DETAILS_TEXT = "certificateDetailsText";
  public static final String DECLARED_OFFENCES_TEXT = "declaredOffencesText";
  public static final String COUNTRY_RECORD_TEXT = "countryRecordText";
  /** On an amendment's tasks: the application it amends, the fields that changed and its reviews (issue 17). */
  public static final String AMENDMENT_TEXT = "amendmentText";

  /** The application body's fields (JSON paths) as a reviewer reads them. */
  private static final Map<String, String> FIELD_NAMES = Map.ofEntries(
      Map.entry("product.name", "product name"), Map.entry("product.category", "product category"),
      Map.entry("product.controlEntry", "control list entry"), Map.entry("product.description", "product description"),
      Map.entry("product.remoteShutdownCapable", "remote shutdown capability"),
      Map.entry("endUser.name", "end user"), Map.entry("endUser.type", "end-user type"),
      Map.entry("endUser.country", "country"), Map.entry("declaredPurposes", "declared purposes"),
      Map.entry("endUseCertificate.signatory", "certificate signatory"),
      Map.entry("endUseCertificate.signedOn", "certificate date"),
      Map.entry("endUseCertificate.prohibitedUsesAcknowledged", "acknowledgement of the prohibited uses"),
      Map.entry("contractValue.amount", "contract amount"), Map.entry("contractValue.currency", "contract currency"));

  private final ApplicationRepository applications;
  private final ReviewRecords reviews;
  private final JdbcClient jdbc;
  private final Wording wording;

  public ReviewFormVariables(ApplicationRepository applications, ReviewRecords reviews, JdbcClient jdbc,
      Wording wording) {
    this.applications = applications;
    this.reviews = reviews;
    this.jdbc = jdbc;
    this.wording = wording;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    if (ExportLicenseReviewProcess.KEY.equals(((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey())) {
      ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
          .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, this::prepare);
    }
  }

  void prepare(DelegateTask task) {
    String id = (String) task.getVariable(ExportLicenseReviewProcess.APPLICATION_ID);
    Application a = id == null ? null : applications.find(id).orElse(null);
    if (a == null) {
      return;
    }
    // a possible restricted-party match that a compliance officer cleared: by whom, when and why
    Object clearance = task.getVariable(ExportLicenseReviewProcess.RESTRICTED_PARTY_CLEARANCE);
    task.setVariableLocal(SCREENING_TEXT, screening(a) + (clearance == null ? "" : "\n" + clearance));
    task.setVariableLocal(CERTIFICATE_DETAILS_TEXT, certificate(a));
    task.setVariableLocal(DECLARED_OFFENCES_TEXT, offences(a));
    if (ExportLicenseReviewProcess.FOREIGN_AFFAIRS_REVIEW.equals(task.getTaskDefinitionKey())) {
      task.setVariableLocal(COUNTRY_RECORD_TEXT, countryRecord(a));
    }
    if (a.amendmentOf() != null) {
      applications.findByReference(a.amendmentOf())
          .ifPresent(earlier -> task.setVariableLocal(AMENDMENT_TEXT, amendment(earlier, a)));
    }
  }

  /**
   * The note on an amendment's forms: which application it amends, the fields whose values differ from
   * it, and every recommendation, decision and countersignature the earlier application received.
   */
  String amendment(Application earlier, Application amendment) {
    List<String> changed = ApplicationChanges.between(earlier, amendment);
    StringBuilder text = new StringBuilder("This application amends " + earlier.reference()
        + ", which it superseded.\n");
    text.append(changed.isEmpty() ? "Nothing changed in the application's fields."
        : "Changed: " + changed.stream().map(f -> FIELD_NAMES.getOrDefault(f, f)).collect(Collectors.joining(", "))
            + " (" + String.join(", ", changed) + ").");
    List<ReviewRecords.Entry> earlierReviews = reviews.allOf(List.of(earlier.id())).getOrDefault(earlier.id(), List.of());
    text.append("\n\n").append(earlierReviews.isEmpty() ? "The earlier application had no review yet."
        : "Reviews of " + earlier.reference() + ":");
    for (ReviewRecords.Entry r : earlierReviews) {
      text.append("\n- ").append(r.described(wording));
    }
    return text.toString();
  }

  String screening(Application a) {
    String outcome = a.screeningOutcome() == null ? "Not screened" : wording.label(a.screeningOutcome());
    List<String> reasons = a.screeningReasons() == null ? List.of() : a.screeningReasons();
    String tier = a.countryTier() == null ? "" : " Country tier: " + wording.label(a.countryTier());
    return reasons.isEmpty()
        ? outcome + ": none of the screening rules objected." + tier
        : outcome + "." + tier + "\n" + wording.labels(reasons);
  }

  String certificate(Application a) {
    if (!a.hasCertificate()) {
      return "No end-use certificate was given.";
    }
    return "Signed by " + a.certificateSignatory() + " on " + wording.date(a.certificateSignedOn()) + ".\n"
        + (Boolean.TRUE.equals(a.certificateProhibitedUsesAcknowledged())
            ? "The signatory acknowledged the prohibited uses."
            : "The signatory did NOT acknowledge the prohibited uses.");
  }

  String offences(Application a) {
    if (a.declaredPurposes() == null || a.declaredPurposes().isEmpty()) {
      return "No purpose was declared.";
    }
    return a.declaredPurposes().stream()
        .map(p -> "TERRORIST_ACT".equals(p.kind())
            ? "Terrorist act: " + wording.label(p.act())
            : "Serious crime: " + p.offence() + ", punishable by up to " + p.maxPenaltyYears()
                + (Integer.valueOf(1).equals(p.maxPenaltyYears()) ? " year" : " years") + " in prison")
        .collect(Collectors.joining("\n"));
  }

  /** This system's earlier decisions for the buyer's country, this application left out. */
  String countryRecord(Application a) {
    String country = a.endUserCountry();
    long issued = jdbc.sql("""
        select count(*) from license l join application a on a.id = l.application_id
        where a.end_user_country = ? and a.id <> ?""").params(country, a.id()).query(Long.class).single();
    long revoked = jdbc.sql("""
        select count(*) from license l join application a on a.id = l.application_id
        where a.end_user_country = ? and a.id <> ? and l.status = 'REVOKED'""").params(country, a.id())
        .query(Long.class).single();
    long refused = jdbc.sql("select count(*) from application where end_user_country = ? and id <> ? and status = 'REJECTED'")
        .params(country, a.id()).query(Long.class).single();
    return "Licenses issued: " + issued + "\nApplications refused: " + refused + "\nLicenses revoked: " + revoked;
  }
}
