package org.exportcontrol.license;

import java.util.List;
import java.util.Optional;
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
public class LicenseRevocationProcess implements ProcessContract {

  public static final String KEY = "licenseRevocation";

  public static final String NOTIFY_BUYING_STATE = "notifyCustomerGovernment";
  public static final String ESCALATE_SHUTDOWN = "escalateShutdown";
  public static final String VERIFY_SHUTDOWN = "verifyShutdown";

  public static final String MESSAGE_SHUTDOWN_CONFIRMED = "ShutdownConfirmed";

  public static final String LICENSE_NUMBER = "licenseNumber";
  public static final String REVOCATION_REASON = "revocationReason";
  public static final String MISUSE_REPORT_ID = "misuseReportId";
  public static final String VERIFIED_BY = "verifiedBy";

  private static final List<UserTask> TASKS = List.of(
      new UserTask(NOTIFY_BUYING_STATE, Groups.FOREIGN_AFFAIRS_REVIEWERS, "notifiedOn", "notificationChannel"),
      new UserTask(ESCALATE_SHUTDOWN, Groups.COMPLIANCE_OFFICERS, "escalationNotes"),
      new UserTask(VERIFY_SHUTDOWN, Groups.TECHNICAL_REVIEWERS, "shutdownVerified", "verificationNotes"));

  @Override
  public String processKey() {
    return KEY;
  }

  @Override
  public List<UserTask> userTasks() {
    return TASKS;
  }

  @Override
  public Optional<StartForm> startForm() {
    return Optional.of(new StartForm(Groups.LICENSING_OFFICERS, Set.of(LICENSE_NUMBER, REVOCATION_REASON)));
  }
}
