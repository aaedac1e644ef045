package org.exportcontrol.review;

/** A reviewer's advice. Public contract: the values of technicalRecommendation, legalRecommendation, foreignAffairsRecommendation. */
public enum Recommendation {
  APPROVE, APPROVE_WITH_CONDITIONS, REJECT, REQUEST_INFORMATION
}
