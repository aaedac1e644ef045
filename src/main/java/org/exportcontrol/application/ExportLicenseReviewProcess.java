package org.exportcontrol.application;

import java.util.List;
import org.exportcontrol.engine.ProcessContract;
import org.exportcontrol.identity.Groups;
import org.springframework.stereotype.Component;

/** The contract of processes/exportLicenseReview.bpmn: screening, three reviews, decision, countersignature, license. */
@Component
public class ExportLicenseReviewProcess extends ProcessContract {

  public static final String KEY = "exportLicenseReview";

  public static final String TECHNICAL_REVIEW = "technicalReview";
  public static final String LEGAL_REVIEW = "legalReview";
  public static final String FOREIGN_AFFAIRS_REVIEW = "foreignAffairsReview";
  public static final String LICENSING_DECISION = "licensingDecision";
  public static final String COUNTERSIGN = "countersignDecision";
  /** A compliance officer's check of a possible restricted-party match (issue 18, ADR 0032). */
  public static final String RESTRICTED_PARTY_CHECK = "restrictedPartyCheck";
  /** The three reviews, in the order the forms and emails show them. */
  public static final List<String> REVIEWS = List.of(TECHNICAL_REVIEW, LEGAL_REVIEW, FOREIGN_AFFAIRS_REVIEW);

  public static final String MESSAGE_WITHDRAWN = "ApplicationWithdrawn";
  /** An amendment superseded the application: its review ends at once, without an email (issue 17). */
  public static final String MESSAGE_SUPERSEDED = "ApplicationSuperseded";

  /** The decision's reason when a licensing officer refused after review (the one refusal open to appeal). */
  public static final String REVIEW_REFUSED = "REVIEW_REFUSED";

  public static final String APPLICATION_ID = "applicationId";
  public static final String SUBMITTED_BY = "submittedBy";
  public static final String REFERENCE = "reference";
  /** Set on an amendment's review only: the reference of the application it amends. */
  public static final String AMENDMENT_OF = "amendmentOf";
  public static final String COUNTRY_TIER = "countryTier";
  public static final String SUGGESTED_OUTCOME = "suggestedOutcome";
  public static final String DECISION = "licensingDecision";
  public static final String DECISION_RATIONALE = "decisionRationale";
  /** The criteria of a refusal: a Json array of {@link RefusalCriterion} codes (a checklist submits one). */
  public static final String REFUSAL_CRITERIA = "refusalCriteria";
  /** The refusal's criteria in words, one a line, for the refusal email. */
  public static final String REFUSAL_CRITERIA_TEXT = "refusalCriteriaText";
  /** The last moment an appeal against the refusal is received (decidedAt + exportcontrol.sla.appeal-window). */
  public static final String APPEAL_DEADLINE = "appealDeadline";
  public static final String LICENSE_CONDITIONS = "licenseConditions";
  public static final String DECIDED_BY = "licensingDecisionBy";
  public static final String COUNTERSIGNATURE = "countersignature";
  public static final String COUNTERSIGN_COMMENTS = "countersignComments";
  public static final String COUNTERSIGNED_BY = "countersignedBy";
  public static final String SUGGESTED_CONDITIONS = "suggestedConditions";
  public static final String SCREENING_RESULTS = "screeningResults";
  public static final String SCREENING_OUTCOME = "screeningOutcome";
  public static final String DECISION_REASONS = "decisionReasons";
  public static final String DECISION_RATIONALE_TEXT = "decisionRationaleText";
  public static final String WITHDRAWAL_REASON = "withdrawalReason";
  public static final String LICENSE_NUMBER = "licenseNumber";
  public static final String LICENSE_VALID_FROM = "licenseValidFrom";
  public static final String LICENSE_VALID_UNTIL = "licenseValidUntil";
  /** The check's fields: whether the officer confirmed the match, and why (required either way). */
  public static final String MATCH_CONFIRMED = "matchConfirmed";
  public static final String CHECK_NOTES = "checkNotes";
  /** The list entries the end user matched, in words, for the check's form (staff only). */
  public static final String RESTRICTED_PARTY_MATCHES_TEXT = "restrictedPartyMatchesText";
  /** Who cleared a possible match, when and why, for the reviewers' forms. */
  public static final String RESTRICTED_PARTY_CLEARANCE = "restrictedPartyClearance";

  /** The facts the screening's decision tables read and the reviewers' forms show (loadScreeningFacts). */
  public static final class Facts {
    public static final String END_USER_TYPE = "endUserType";
    public static final String END_USER_COUNTRY = "endUserCountry";
    public static final String PRODUCT_CATEGORY = "productCategory";
    public static final String REMOTE_SHUTDOWN_CAPABLE = "remoteShutdownCapable";
    public static final String MIN_SERIOUS_CRIME_PENALTY_YEARS = "minSeriousCrimePenaltyYears";
    public static final String CERTIFICATE_COMPLETE = "certificateComplete";
    public static final String EXPORTER_NAME = "exporterName";
    public static final String PRODUCT_NAME = "productName";
    public static final String PRODUCT_CONTROL_ENTRY = "productControlEntry";
    public static final String PRODUCT_DESCRIPTION = "productDescription";
    public static final String END_USER_NAME = "endUserName";
    public static final String DECLARED_PURPOSES_TEXT = "declaredPurposesText";
    public static final String CERTIFICATE_TEXT = "certificateText";

    private Facts() {}
  }

  private static final List<UserTask> TASKS = List.of(
      new UserTask(TECHNICAL_REVIEW, Groups.TECHNICAL_REVIEWERS, recommendation(TECHNICAL_REVIEW), comments(TECHNICAL_REVIEW)),
      new UserTask(LEGAL_REVIEW, Groups.LEGAL_REVIEWERS, recommendation(LEGAL_REVIEW), comments(LEGAL_REVIEW)),
      new UserTask(FOREIGN_AFFAIRS_REVIEW, Groups.FOREIGN_AFFAIRS_REVIEWERS, recommendation(FOREIGN_AFFAIRS_REVIEW),
          comments(FOREIGN_AFFAIRS_REVIEW)),
      new UserTask(LICENSING_DECISION, Groups.LICENSING_OFFICERS, DECISION, DECISION_RATIONALE, LICENSE_CONDITIONS,
          REFUSAL_CRITERIA),
      new UserTask(COUNTERSIGN, Groups.LICENSING_OFFICERS, COUNTERSIGNATURE, COUNTERSIGN_COMMENTS),
      new UserTask(RESTRICTED_PARTY_CHECK, Groups.COMPLIANCE_OFFICERS, MATCH_CONFIRMED, CHECK_NOTES));

  public ExportLicenseReviewProcess() {
    super(KEY, TASKS, List.of(Groups.APPLICANTS), null);
  }

  /** The group that does a review step. */
  public static String groupOf(String reviewStep) {
    return TASKS.stream().filter(t -> t.key().equals(reviewStep)).findFirst().orElseThrow().candidateGroup();
  }

  /** {@code technicalReview} → {@code technicalRecommendation}. */
  public static String recommendation(String reviewStep) {
    return prefix(reviewStep) + "Recommendation";
  }

  /** {@code technicalReview} → {@code technicalComments}. */
  public static String comments(String reviewStep) {
    return prefix(reviewStep) + "Comments";
  }

  private static String prefix(String reviewStep) {
    return reviewStep.substring(0, reviewStep.length() - "Review".length());
  }
}
