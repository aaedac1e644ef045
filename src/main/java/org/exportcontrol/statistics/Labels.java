package org.exportcontrol.statistics;

import java.util.Locale;
import java.util.Map;

/** What readers of the figures read instead of the contract's names. */
public final class Labels {

  private static final Map<String, String> SECTIONS = Map.of(
      TransparencyFigures.LICENSES_ISSUED, "Licenses issued",
      TransparencyFigures.ISSUED_ON_APPEAL, "Licenses issued on appeal",
      TransparencyFigures.REFUSALS, "Refusals",
      TransparencyFigures.SUSPENSIONS, "Suspensions",
      TransparencyFigures.REVOCATIONS, "Revocations",
      TransparencyFigures.SHUTDOWNS_ORDERED, "Shutdowns ordered",
      TransparencyFigures.SHUTDOWNS_VERIFIED, "Shutdowns verified",
      TransparencyFigures.MISUSE_REPORTS, "Misuse reports",
      TransparencyFigures.WITHDRAWALS, "Withdrawals");

  private Labels() {}

  public static String section(String name) {
    return SECTIONS.getOrDefault(name, name);
  }

  /** The country's English name and its ISO code; ALL is every destination. */
  public static String country(String code) {
    if (TransparencyReport.ALL.equals(code)) {
      return "All destinations";
    }
    String name = code == null ? "" : new Locale("", code).getDisplayCountry(Locale.ENGLISH);
    return name.isEmpty() || name.equals(code) ? String.valueOf(code) : name + " (" + code + ")";
  }
}
