package org.exportcontrol.casefile;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Codes and field names as a person reads them: {@code APPROVE_WITH_CONDITIONS} is "Approve with
 * conditions", {@code suggestedOutcome} is "Suggested outcome". Free text (what people wrote) is never
 * passed through here.
 */
final class Labels {

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
  /** Where the generic rule reads badly. */
  private static final Map<String, String> SPECIAL = Map.ofEntries(
      Map.entry("technicalReview", "Technical review"),
      Map.entry("legalReview", "Legal review"),
      Map.entry("foreignAffairsReview", "Foreign affairs review"),
      Map.entry("licensingDecision", "Licensing decision"),
      Map.entry("countersignDecision", "Countersignature"),
      Map.entry("processInstanceId", "Process instance"),
      Map.entry("maxPenaltyYears", "Maximum penalty (years)"),
      Map.entry("NOT_ELIGIBLE", "Not eligible"),
      Map.entry("END_USE_CERTIFICATE_MISSING", "End-use certificate missing"),
      Map.entry("END_USE_CERTIFICATE", "End-use certificate"),
      Map.entry("END_USER_NOT_GOVERNMENT", "End user is not a government body"),
      Map.entry("DECIDED", "Licensing decision"),
      Map.entry("COUNTERSIGNED", "Countersigned"),
      Map.entry("REVIEW_RECORDED", "Review recorded"));

  private Labels() {}

  /** A code ({@code SOME_CODE}) or a camel-case name ({@code someName}) in words; anything else as it is. */
  static String of(String codeOrName) {
    if (codeOrName == null || codeOrName.isEmpty()) {
      return codeOrName;
    }
    String special = SPECIAL.get(codeOrName);
    if (special != null) {
      return special;
    }
    if (CODE.matcher(codeOrName).matches()) {
      return sentence(codeOrName.replace('_', ' ').toLowerCase(Locale.ROOT));
    }
    if (codeOrName.matches("[a-z][a-zA-Z0-9]*")) {
      return sentence(codeOrName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT));
    }
    return codeOrName;
  }

  /**
   * A value that may be a code: codes in words, other text untouched. Two- and three-letter codes
   * (countries, currencies) stay as they are.
   */
  static String value(String value) {
    return value != null && CODE.matcher(value).matches() && (value.contains("_") || value.length() > 3)
        ? of(value) : value;
  }

  private static String sentence(String words) {
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
