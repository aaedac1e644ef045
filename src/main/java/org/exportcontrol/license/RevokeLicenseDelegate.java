package org.exportcontrol.license;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.engine.ProcessBean;
import org.exportcontrol.engine.SlaSettings;
import org.exportcontrol.engine.TaskRuleViolation;
import org.springframework.stereotype.Component;

/**
 * {@code ${revokeLicense}}: the license becomes REVOKED and its holder is ordered to shut the systems
 * down by {@code exportcontrol.sla.shutdown-deadline}. A license that another revocation already
 * revoked is left alone ({@code alreadyRevoked}): a license is revoked once and gets one shutdown order,
 * however many reports lead to it.
 */
@Component("revokeLicense")
@ProcessBean
public class RevokeLicenseDelegate implements JavaDelegate {

  private final LicenseRepository licenses;
  private final ShutdownRepository shutdowns;
  private final LicenseFacts facts;
  private final SlaSettings sla;
  private final Clock clock;

  public RevokeLicenseDelegate(LicenseRepository licenses, ShutdownRepository shutdowns, LicenseFacts facts,
      SlaSettings sla, Clock clock) {
    this.licenses = licenses;
    this.shutdowns = shutdowns;
    this.facts = facts;
    this.sla = sla;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = (String) execution.getVariable("licenseNumber");
    Object reason = execution.getVariable("revocationReason");
    if (!(reason instanceof String r) || r.isBlank()) {
      throw new TaskRuleViolation("revocationReason", "revocationReason is required");
    }
    execution.setVariables(facts.of(number).orElseThrow(() ->
        new TaskRuleViolation("licenseNumber", "No license " + number)));
    OffsetDateTime now = OffsetDateTime.now(clock);
    boolean revoked = licenses.revoke(number, now, r);
    execution.setVariable("alreadyRevoked", !revoked);
    if (revoked) {
      OffsetDateTime deadline = now.plus(sla.shutdownDeadline());
      shutdowns.order(number, now, deadline);
      execution.setVariable("shutdownDeadline", Date.from(deadline.toInstant()));
      execution.setVariable("shutdownDeadlineText", deadline.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
  }
}
