package org.exportcontrol.statistics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The operations figures as Micrometer meters, at {@code /actuator/prometheus} for administrators:
 * {@code exportcontrol.cases.open} per step and {@code exportcontrol.applications.open} per status,
 * {@code exportcontrol.tasks.overdue} per candidate group (gauges, refreshed every minute), and
 * {@code exportcontrol.decision.working.days} (a distribution with the 20- and 60-day targets as SLO
 * buckets) and {@code exportcontrol.decision.time} (a timer, calendar time) of each decision by a
 * person made since the application started. Each node records the
 * decisions it sees, so with several nodes the distribution is one node's, the gauges everyone's.
 */
@Component
public class StatisticsMetrics {

  private static final Logger log = LoggerFactory.getLogger(StatisticsMetrics.class);

  private final OperationsFigures operations;
  private final Clock clock;
  private final MultiGauge openPerStep;
  private final MultiGauge openPerStatus;
  private final MultiGauge overduePerGroup;
  private final DistributionSummary decisionDays;
  private final Timer decisionTime;
  private final AtomicReference<OffsetDateTime> lastSeen;

  public StatisticsMetrics(OperationsFigures operations, MeterRegistry registry, Clock clock) {
    this.operations = operations;
    this.clock = clock;
    this.openPerStep = MultiGauge.builder("exportcontrol.cases.open")
        .description("Open cases waiting at a step (a user task)").register(registry);
    this.openPerStatus = MultiGauge.builder("exportcontrol.applications.open")
        .description("Open applications per status").register(registry);
    this.overduePerGroup = MultiGauge.builder("exportcontrol.tasks.overdue")
        .description("Open tasks past their due date, per candidate group").register(registry);
    this.decisionDays = DistributionSummary.builder("exportcontrol.decision.working.days")
        .description("Working days from submission to a person's decision, clock stopped while a question is open")
        .baseUnit("days").serviceLevelObjectives(OperationsFigures.TARGET_DAYS, OperationsFigures.OUTER_TARGET_DAYS)
        .publishPercentiles(0.5, 0.9).register(registry);
    this.decisionTime = Timer.builder("exportcontrol.decision.time")
        .description("Time from submission to a person's decision (calendar time, questions included)")
        .publishPercentiles(0.5, 0.9).register(registry);
    this.lastSeen = new AtomicReference<>(OffsetDateTime.now(clock));
  }

  /** Reads the figures again; also run once a minute. */
  @Scheduled(fixedDelay = 60_000, initialDelay = 5_000)
  public void refresh() {
    try {
      OperationsFigures.OpenCases open = operations.openCases();
      openPerStep.register(rows("step", open.byStep()), true);
      openPerStatus.register(rows("status", open.byStatus()), true);
      overduePerGroup.register(rows("group", operations.overdue().byGroup()), true);
      OffsetDateTime now = OffsetDateTime.now(clock);
      OffsetDateTime after = lastSeen.getAndSet(now);
      if (now.isAfter(after)) {
        for (OperationsFigures.DecisionTime decision : operations.decisionsBetween(after, now)) {
          decisionDays.record(decision.workingDays());
          decisionTime.record(decision.elapsed());
        }
      }
    } catch (RuntimeException e) {
      // a failed refresh keeps the last figures; the next minute tries again
      log.warn("The statistics' meters could not be refreshed: {}", e.toString());
    }
  }

  private static List<MultiGauge.Row<?>> rows(String tag, Map<String, Long> values) {
    return values.entrySet().stream()
        .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of(tag, e.getKey()), e.getValue()))
        .toList();
  }
}
