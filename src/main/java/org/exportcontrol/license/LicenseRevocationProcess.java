package org.exportcontrol.license;

import java.util.List;
import java.util.Set;
import org.exportcontrol.engine.ProcessContract;
import org.exportcontrol.identity.Groups;
import org.springframework.stereotype.Component;

/**
 * The contract of processes/licenseRevocation.bpmn: revocation, shutdown order, diplomatic notice,
 * escalation and verification. Called by a misuse report, or started by a licensing officer in
 * Tasklist with the start form.
 */
@Component
public class LicenseRevocationProcess extends ProcessContract {

  public static final String KEY = "licenseRevocation";
  /** The license number again, under the name every task card reads the case's reference from (TaskCards). */
  public static final String CARD_REFERENCE = "reference";

  public static final String NOTIFY_BUYING_STATE = "notifyCustomerGovernment";
  public static final String ESCALATE_SHUTDOWN = "escalateShutdown";
  public static final String VERIFY_SHUTDOWN = "verifyShutdown";

  public static final String MESSAGE_SHUTDOWN_CONFIRMED = "ShutdownConfirmed";

  public static final String LICENSE_NUMBER = "licenseNumber";
  public static final String REVOCATION_REASON = "revocationReason";
  public static final String MISUSE_REPORT_ID = "misuseReportId";
  public static final String VERIFIED_BY = "verifiedBy";
  public static final String ALREADY_REVOKED = "alreadyRevoked";
  public static final String SHUTDOWN_EVIDENCE = "shutdownEvidence";
  public static final String SHUTDOWN_AT = "shutdownAt";
  public static final String SHUTDOWN_DEADLINE = "shutdownDeadline";
  public static final String SHUTDOWN_DEADLINE_TEXT = "shutdownDeadlineText";
  /** Input of {@code newShutdownDeadline}: true after a missed deadline, false after a failed verification. */
  public static final String ESCALATION = "escalation";
  /** How many shutdown deadlines the exporter has missed so far (set with each new deadline after a miss). */
  public static final String MISSED_SHUTDOWN_DEADLINES = "missedShutdownDeadlines";
  /** True while the license's one {@code escalateShutdown} task is open; a later miss opens no other. */
  public static final String SHUTDOWN_ESCALATION_OPEN = "shutdownEscalationOpen";
  /** From this missed deadline on, the escalation is stepped up to the licensing managers. */
  public static final int STEP_UP_AT_MISSED_DEADLINE = 2;

  // the fields of the user tasks
  public static final String NOTIFIED_ON = "notifiedOn";
  public static final String NOTIFICATION_CHANNEL = "notificationChannel";
  public static final String ESCALATION_ACTION = "escalationAction";
  public static final String ESCALATION_RATIONALE = "escalationRationale";
  public static final String SHUTDOWN_VERIFIED = "shutdownVerified";
  public static final String VERIFICATION_NOTES = "verificationNotes";

  private static final List<UserTask> TASKS = List.of(
      new UserTask(NOTIFY_BUYING_STATE, Groups.FOREIGN_AFFAIRS_REVIEWERS, NOTIFIED_ON, NOTIFICATION_CHANNEL),
      new UserTask(ESCALATE_SHUTDOWN, Groups.COMPLIANCE_OFFICERS, ESCALATION_ACTION, ESCALATION_RATIONALE)
          .steppingUpTo(Groups.LICENSING_MANAGERS),
      new UserTask(VERIFY_SHUTDOWN, Groups.TECHNICAL_REVIEWERS, SHUTDOWN_VERIFIED, VERIFICATION_NOTES));

  public LicenseRevocationProcess() {
    // applicants confirm the shutdown of their revoked systems (a message to the revocation)
    super(KEY, TASKS, List.of(Groups.APPLICANTS),
        new StartForm(Groups.LICENSING_OFFICERS, Set.of(LICENSE_NUMBER, REVOCATION_REASON)));
  }
}
