package org.exportcontrol.wording;

import java.util.Locale;
import java.util.Map;
import java.util.HashMap;

/**
 * The words people read for the codes the processes and the API use. Most codes read well once
 * humanised ({@code LAW_ENFORCEMENT} → "Law enforcement"); those that do not are named here.
 */
final class Labels {

  private static final Map<String, String> SPECIAL = new HashMap<>();

  static {
    // misuse categories
    SPECIAL.put("JOURNALIST_OR_ACTIVIST_TARGETING", "Targeting of journalists or activists");
    SPECIAL.put("POLITICAL_TARGETING", "Targeting of political opponents");
    SPECIAL.put("USE_OUTSIDE_DECLARED_PURPOSES", "Use outside the declared purposes");
    SPECIAL.put("UNAUTHORIZED_TRANSFER", "Transfer to someone not licensed");
    // products and end users
    SPECIAL.put("OTHER_CYBER", "Other cyber-intelligence product");
    SPECIAL.put("OTHER_GOVERNMENT", "Other government body");
    // recommendations, decisions, outcomes
    SPECIAL.put("REQUEST_INFORMATION", "Ask the applicant a question");
    SPECIAL.put("CONFLICTING", "Conflicting advice: the reviewers disagree");
    SPECIAL.put("PASSED", "Passed");
    SPECIAL.put("REVOKE", "Revoke the license");
    SPECIAL.put("SUSPEND", "Suspend the license");
    SPECIAL.put("WARN", "Warn the exporter");
    SPECIAL.put("REINSTATE", "Reinstate the license");
    SPECIAL.put("CLOSE", "Close the review (the license is no longer in force)");
    // country tiers
    SPECIAL.put("STANDARD", "Standard");
    SPECIAL.put("ENHANCED", "Enhanced (an approval needs a second officer's countersignature)");
    // escalation of a missed shutdown
    SPECIAL.put("EXPORTER_PRESSED", "The exporter's management was pressed directly");
    SPECIAL.put("REFERRED_TO_FOREIGN_MINISTRY", "Referred to the foreign ministry");
    SPECIAL.put("REFERRED_FOR_PROSECUTION", "Referred for prosecution");
    // screening reasons (docs/api.md, "Reason codes")
    SPECIAL.put("END_USER_NOT_GOVERNMENT",
        "The end user is not a government body allowed to buy (law enforcement, intelligence, military or another government body).");
    SPECIAL.put("COUNTRY_NOT_ELIGIBLE", "The buyer's country is sanctioned or not on the list of eligible countries.");
    SPECIAL.put("OFFENCE_BELOW_SERIOUS_THRESHOLD", "A declared serious crime carries a maximum penalty of less than six years.");
    SPECIAL.put("REMOTE_SHUTDOWN_REQUIRED",
        "Intrusion or interception software that the exporter cannot shut down remotely.");
    SPECIAL.put("END_USE_CERTIFICATE_MISSING",
        "No signed end-use certificate acknowledging the prohibited uses.");
    SPECIAL.put("RESTRICTED_PARTY_MATCH",
        "The end user may be a party on a restricted-party list: a compliance officer checks the match.");
    SPECIAL.put("RESTRICTED_PARTY",
        "The end user is a party on a restricted-party list (presumption of denial).");
    SPECIAL.put("RESTRICTED_PARTY_LISTED", "End user listed as a restricted party");
    SPECIAL.put("AWAITING_COMPLIANCE_CHECK", "Awaiting a compliance check");
    SPECIAL.put("REVIEW_REFUSED", "Refused by the licensing officer after review.");
    // refusal criteria (issue 17, docs/api.md)
    SPECIAL.put("PURPOSE_OUTSIDE_DECLARATION",
        "The intended use goes beyond the declared purposes (preventing and investigating terrorist acts and serious crimes).");
    SPECIAL.put("HUMAN_RIGHTS_RISK", "There is a clear risk that the product would be used to violate human rights.");
    SPECIAL.put("RISK_TO_PROTECTED_PERSONS", "There is a risk that the product would be used against journalists, "
        + "human-rights defenders or political activists, or against people because of a protected ground (such as "
        + "their religion, ethnic group, opinion or political affiliation).");
    SPECIAL.put("INSUFFICIENT_LEGAL_SAFEGUARDS",
        "The buyer's law does not give sufficient safeguards (such as a warrant before each use, or privacy law).");
    SPECIAL.put("DIVERSION_RISK", "There is a risk that the product, or access to it, would be passed on to someone else.");
    SPECIAL.put("CAPABILITY_EXCEEDS_PURPOSE", "The product can do more than the declared purposes need.");
    SPECIAL.put("FOREIGN_POLICY", "The export would conflict with the state's foreign-policy considerations.");
    SPECIAL.put("NATIONAL_SECURITY", "The export would harm national security.");
    SPECIAL.put("INSUFFICIENT_INFORMATION", "The application does not give enough information to approve it.");
    // appeals
    SPECIAL.put("GRANT", "Grant the appeal (issue the license)");
    SPECIAL.put("UPHOLD", "Uphold the refusal");
    SPECIAL.put("APPROVED_ON_APPEAL", "Approved on appeal");
    SPECIAL.put("REFUSED_AFTER_APPEAL", "Refused after appeal (final)");
  }

  private Labels() {}

  /** The label of a code; a value that is no code (it has lower-case letters or spaces) is returned as it is. */
  static String of(String code) {
    if (code == null || code.isBlank()) {
      return code;
    }
    String special = SPECIAL.get(code);
    if (special != null) {
      return special;
    }
    if (!code.matches("[A-Z0-9_]+")) {
      return code;
    }
    String words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
