package org.exportcontrol.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.exportcontrol.support.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first reference number of a prefix and year, drawn by many callers at once (every 1 January,
 * and on a new installation): all succeed, with unique numbers and no gap.
 */
class ReferenceNumbersTest extends IntegrationTest {

  @Autowired ReferenceNumbers references;
  @Autowired PlatformTransactionManager transactionManager;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void twentyCallersDrawTheFirstNumbersOfAYearTogether() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2031-01-01T00:00:05Z")));
    TransactionTemplate tx = new TransactionTemplate(transactionManager);
    List<String> drawn = together(20, () -> tx.execute(status -> references.next("TST")));
    assertThat(drawn).containsExactlyInAnyOrderElementsOf(
        IntStream.rangeClosed(1, 20).mapToObj(i -> "TST-2031-%06d".formatted(i)).toList());
  }

  @Test
  void tenApplicationsSubmittedTogetherOnTheFirstDayOfAYearAllGetTheirNumber() throws Exception {
    // a year in the past: these applications must not become the newest of the shared database
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2001-01-01T00:00:05Z")));
    String body = LicenseReviewDriver.application("DE").replace("2026-01-15", "2000-12-01");
    List<ResponseEntity<String>> answers = together(10, () -> as("exporter").postForEntity("/api/applications",
        Requests.json(body), String.class));
    assertThat(answers).extracting(a -> a.getStatusCode().value()).containsOnly(201);
    assertThat(answers).extracting(a -> a.getBody().replaceAll(".*\"reference\":\"(EXP-\\d{4}-\\d{6})\".*", "$1"))
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 10).mapToObj(i -> "EXP-2001-%06d".formatted(i))
            .toList());
  }

  /** Runs the call on {@code count} threads released at the same moment; their answers. */
  private static <T> List<T> together(int count, Callable<T> call) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(count);
    CyclicBarrier start = new CyclicBarrier(count);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(threads.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return call.call();
        }));
      }
      List<T> answers = new ArrayList<>();
      for (Future<T> future : futures) {
        answers.add(future.get(120, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      threads.shutdownNow();
    }
  }
}
