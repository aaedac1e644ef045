package org.exportcontrol.review;

import java.util.List;

/** The task definition keys of the export license review and the variable prefix of each review. Public contract. */
public final class ReviewSteps {

  public static final String TECHNICAL = "technicalReview";
  public static final String LEGAL = "legalReview";
  public static final String FOREIGN_AFFAIRS = "foreignAffairsReview";
  public static final String LICENSING_DECISION = "licensingDecision";
  public static final String COUNTERSIGN = "countersignDecision";

  public static final List<String> REVIEWS = List.of(TECHNICAL, LEGAL, FOREIGN_AFFAIRS);

  private ReviewSteps() {}

  /** {@code technicalReview} → {@code technical}: the prefix of its Recommendation and Comments variables. */
  public static String prefix(String reviewStep) {
    return reviewStep.substring(0, reviewStep.length() - "Review".length());
  }
}
