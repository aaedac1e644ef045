package org.exportcontrol.screening.restrictedparty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code exportcontrol.screening.*}: the similarity (Jaro-Winkler of normalised names, 0..1) from
 * which a name matches a restricted-party list entry (ADR 0032).
 */
@ConfigurationProperties("exportcontrol.screening")
public record ScreeningProperties(@DefaultValue("0.92") double matchThreshold) {

  public ScreeningProperties {
    if (matchThreshold <= 0 || matchThreshold > 1) {
      throw new IllegalArgumentException("exportcontrol.screening.match-threshold must be above 0 and at most 1");
    }
  }
}
