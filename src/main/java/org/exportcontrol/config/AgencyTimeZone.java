package org.exportcontrol.config;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agency's time zone ({@code exportcontrol.time-zone}): every date and time a person reads (case
 * file, forms) is shown in it; what is stored stays in UTC. Features do not import {@code config}: they
 * inject the {@link ZoneId} that {@link ClockConfiguration} makes of it.
 */
@ConfigurationProperties("exportcontrol")
public record AgencyTimeZone(@DefaultValue("Europe/London") ZoneId timeZone) {}
