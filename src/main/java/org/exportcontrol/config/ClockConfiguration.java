package org.exportcontrol.config;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The project's {@link Clock} is the engine's ({@link EngineClock}); people read times in the agency's zone. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

  @Bean
  Clock clock() {
    return new EngineClock();
  }

  /** The agency's time zone ({@link AgencyTimeZone}), the one {@link ZoneId} bean of the application. */
  @Bean
  ZoneId agencyTimeZone(AgencyTimeZone zone) {
    return zone.timeZone();
  }
}
