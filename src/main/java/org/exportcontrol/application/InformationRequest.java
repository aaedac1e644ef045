package org.exportcontrol.application;

import java.time.OffsetDateTime;

/**
 * A question put to the applicant, by the screening (a missing certificate) or by a review.
 *
 * @param askedByStep {@code screening} or the review's task key, such as {@code technicalReview}
 */
public record InformationRequest(String id, String applicationId, String askedByStep, String question,
    OffsetDateTime askedAt, String status, String answer) {

  public boolean isOpen() {
    return "OPEN".equals(status);
  }
}
