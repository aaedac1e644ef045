package org.exportcontrol.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlaSettingsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00.123Z"), ZoneOffset.UTC);

  private static SlaSettings settings(Map<String, Duration> deadlines) {
    return new SlaSettings(new SlaProperties(Duration.ofDays(30), Duration.ofDays(5), Duration.ofDays(90),
        Duration.ofHours(72), deadlines, Duration.ofDays(1), Duration.ofDays(28), Duration.ofDays(20)), CLOCK);
  }

  @Test
  void aStepIsRemindedOnePeriodBeforeItsDeadlineAndEscalatedEveryPeriodAfter() {
    SlaSettings sla = settings(null);
    assertThat(sla.dueDate("triageMisuseReport").toInstant()).isEqualTo(Instant.parse("2026-12-08T10:00:00Z"));
    assertThat(sla.watch("triageMisuseReport")).isEqualTo("R/2026-12-07T10:00:00Z/PT24H");
    assertThat(sla.deadline("investigateMisuseCritical")).isLessThan(sla.deadline("investigateMisuse"));
  }

  @Test
  void configurationOverridesADefaultAndAShortDeadlineIsRemindedHalfway() {
    SlaSettings sla = settings(Map.of("verifyShutdown", Duration.ofHours(12)));
    assertThat(sla.watch("verifyShutdown")).isEqualTo("R/2026-12-06T16:00:00Z/PT6H");
    assertThat(sla.deadline("technicalReview")).isEqualTo(Duration.ofDays(6));
  }

  @Test
  void anUnknownOrEmptyDeadlineStopsTheStart() {
    assertThatThrownBy(() -> settings(Map.of("technicalReveiw", Duration.ofDays(3))))
        .hasMessageContaining("exportcontrol.sla.deadlines.technicalReveiw: no official step of that name");
    assertThatThrownBy(() -> settings(Map.of("technicalReview", Duration.ZERO))).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> settings(null).deadline("nothing")).isInstanceOf(IllegalArgumentException.class);
  }
}
