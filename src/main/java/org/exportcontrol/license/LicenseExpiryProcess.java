package org.exportcontrol.license;

import java.util.List;
import org.exportcontrol.engine.ProcessContract;
import org.exportcontrol.identity.Groups;
import org.springframework.stereotype.Component;

/** The contract of processes/licenseExpiry.bpmn: started when a license is issued; renewal reminder, expiry, the end by revocation or surrender. No user tasks. */
@Component
public class LicenseExpiryProcess extends ProcessContract {

  public static final String KEY = "licenseExpiry";

  public static final String RENEWAL_REMINDER_DATE = "renewalReminderDate";
  public static final String EXPIRY_DATE = "expiryDate";
  public static final String LICENSE_EXPIRED = "licenseExpired";

  /** Ends the process before the license's validity does (revocation, surrender). */
  public static final String MESSAGE_LICENSE_ENDED = "LicenseEnded";
  /** Set by {@link #MESSAGE_LICENSE_ENDED}: the license's status that ended it (REVOKED or SURRENDERED). */
  public static final String LICENSE_ENDED_BY = "licenseEndedBy";
  /** Set by {@link #MESSAGE_LICENSE_ENDED} on a surrender: the holder's reason, for the confirmation email. */
  public static final String SURRENDER_REASON = "surrenderReason";

  /**
   * The holder's surrender ({@code POST /api/licenses/{number}/surrender}) messages the license's
   * expiry on the applicant's behalf: applicants are among the API's groups, as for the revocation's
   * shutdown confirmation (through the API only, which checks that the license is theirs).
   */
  public LicenseExpiryProcess() {
    super(KEY, List.of(), List.of(Groups.APPLICANTS), null);
  }
}
