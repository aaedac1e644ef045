package org.exportcontrol.statistics;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Statistics settings ({@code exportcontrol.statistics.*}).
 *
 * @param eurRates euros per unit of each currency (ISO 4217 code), for the transparency report's
 *     {@code totalValueEur}; EUR itself is always 1. A contract value in a currency not listed is not
 *     converted but counted in {@code valueNotConverted}.
 */
@ConfigurationProperties("exportcontrol.statistics")
public record StatisticsProperties(@DefaultValue Map<String, BigDecimal> eurRates) {

  /** Euros per unit of {@code currency}, if known. */
  public Optional<BigDecimal> eurRate(String currency) {
    if (currency == null) {
      return Optional.empty();
    }
    String code = currency.toUpperCase(Locale.ROOT);
    if ("EUR".equals(code)) {
      return Optional.of(BigDecimal.ONE);
    }
    return Optional.ofNullable(eurRates == null ? null : eurRates.get(code));
  }
}
