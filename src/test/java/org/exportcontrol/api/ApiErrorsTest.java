package org.exportcontrol.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** Mappings of errors that are hard to provoke through the API. */
class ApiErrorsTest {

  @Test
  void aConcurrentChangeOfTheCaseIsAConflictNotAnInternalErrorNorARequestToTryAgain() {
    ProblemDetail problem = new ApiErrors().concurrentChange(new OptimisticLockingException("ENGINE-03005 ..."));
    assertThat(problem.getStatus()).isEqualTo(409);
    assertThat(problem.getDetail()).contains("nothing was stored").doesNotContain("ENGINE").doesNotContain("again");
  }
}
