package org.exportcontrol.license;

import static org.exportcontrol.audit.DecisionLog.details;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.DecisionLogEntry;
import org.exportcontrol.document.DocumentCase;
import org.exportcontrol.document.Documents;
import org.exportcontrol.engine.ProcessBean;
import org.exportcontrol.engine.SlaSettings;
import org.exportcontrol.engine.TaskRuleViolation;
import org.springframework.stereotype.Component;

/**
 * {@code ${revokeLicense}}: the license becomes REVOKED and its holder is ordered to shut the systems
 * down by {@code exportcontrol.sla.shutdown-deadline}, on the grounds {@link LicenseGrounds} finds. A
 * license that another revocation already revoked is left alone ({@code alreadyRevoked}): a license
 * is revoked once and gets one shutdown order, however many reports lead to it. The license's
 * {@code licenseExpiry} process ends in the same transaction ({@link LicenseMessages#licenseEnded}).
 */
@Component("revokeLicense")
@ProcessBean
public class RevokeLicenseDelegate implements JavaDelegate {

  private final LicenseRepository licenses;
  private final ShutdownRepository shutdowns;
  private final LicenseFacts facts;
  private final LicenseGrounds grounds;
  private final DecisionLog decisionLog;
  private final SlaSettings sla;
  private final LicenseMessages messages;
  private final Documents documents;
  private final Clock clock;

  public RevokeLicenseDelegate(LicenseRepository licenses, ShutdownRepository shutdowns, LicenseFacts facts,
      LicenseGrounds grounds, DecisionLog decisionLog, SlaSettings sla, LicenseMessages messages, Documents documents, Clock clock) {
    this.messages = messages;
    this.documents = documents;
    this.licenses = licenses;
    this.shutdowns = shutdowns;
    this.facts = facts;
    this.grounds = grounds;
    this.decisionLog = decisionLog;
    this.sla = sla;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String number = (String) execution.getVariable(LicenseRevocationProcess.LICENSE_NUMBER);
    execution.setVariables(facts.of(number).orElseThrow(() ->
        new TaskRuleViolation(LicenseRevocationProcess.LICENSE_NUMBER, "There is no license "
            + number + ". Please check the license number (LIC-year-number, such as LIC-2026-000001).")));
    // what was attached to the license before (the forms link it); each upload from now on updates it
    execution.setVariable(Documents.DOCUMENT_LINKS, documents.links(DocumentCase.license(number)));
    DecisionLogEntry basis = grounds.revocation(execution, number);
    Object reason = execution.getVariable(LicenseRevocationProcess.REVOCATION_REASON);
    if (!(reason instanceof String r) || r.isBlank()) {
      throw new TaskRuleViolation(LicenseRevocationProcess.REVOCATION_REASON, "Please give the reason for the revocation: "
          + "it is required, and the exporter and the buying state are told it.");
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    boolean revoked = licenses.revoke(number, now, r);
    execution.setVariable(LicenseRevocationProcess.ALREADY_REVOKED, !revoked);
    if (revoked) {
      OffsetDateTime deadline = now.plus(sla.shutdownDeadline());
      shutdowns.order(number, now, deadline);
      execution.setVariable(LicenseRevocationProcess.SHUTDOWN_DEADLINE, Date.from(deadline.toInstant()));
      execution.setVariable(LicenseRevocationProcess.SHUTDOWN_DEADLINE_TEXT, deadline.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      execution.setVariable(LicenseRevocationProcess.MISSED_SHUTDOWN_DEADLINES, 0);
      execution.setVariable(LicenseRevocationProcess.SHUTDOWN_ESCALATION_OPEN, false);
      decisionLog.record(number, DecisionAction.REVOKED, details("reason", r, "basis", basis.subject(),
          "decidedBy", basis.actor()));
      decisionLog.record(number, DecisionAction.SHUTDOWN_ORDERED, details("deadline", deadline));
      // no renewal reminder, no expiry notice for a revoked license (issue 21, 6)
      messages.licenseEnded(number, LicenseStatus.REVOKED);
    }
  }
}
