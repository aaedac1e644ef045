package org.exportcontrol.cancellation;

import static org.exportcontrol.audit.DecisionLog.details;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.exportcontrol.api.ConflictException;
import org.exportcontrol.api.ResourceNotFoundException;
import org.exportcontrol.api.Violations;
import org.exportcontrol.application.Application;
import org.exportcontrol.application.AppealRepository;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ApplicationStatus;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.identity.CurrentUser;
import org.exportcontrol.license.License;
import org.exportcontrol.license.LicenseRepository;
import org.exportcontrol.misuse.MisuseReport;
import org.exportcontrol.misuse.MisuseReportRepository;
import org.exportcontrol.misuse.MisuseReportStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends a stuck case: its process instances are deleted (the engine's API is closed to that for
 * everyone else), the application or license becomes CANCELLED with the reason, the decision log
 * records who and why, and a process of its own emails the applicant. All in one transaction.
 */
@Service
public class CaseCancellationService {

  private final ApplicationRepository applications;
  private final AppealRepository appeals;
  private final LicenseRepository licenses;
  private final MisuseReportRepository reports;
  private final RuntimeService runtimeService;
  private final DecisionLog decisionLog;
  private final Clock clock;

  public CaseCancellationService(ApplicationRepository applications, AppealRepository appeals,
      LicenseRepository licenses, MisuseReportRepository reports, RuntimeService runtimeService, DecisionLog decisionLog,
      Clock clock) {
    this.applications = applications;
    this.appeals = appeals;
    this.licenses = licenses;
    this.reports = reports;
    this.runtimeService = runtimeService;
    this.decisionLog = decisionLog;
    this.clock = clock;
  }

  @Transactional
  public CancellationView cancel(String reference, CancellationRequest request, CurrentUser caller) {
    Violations v = new Violations();
    if (request == null) {
      v.add("$", "a JSON body is required");
      v.throwIfAny();
    }
    v.text("reason", request.reason(), 20, 2000);
    v.throwIfAny();
    String reason = request.reason().strip();
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (reference.startsWith("LIC-")) {
      License license = licenses.find(reference).orElseThrow(() -> notFound(reference));
      if (!licenses.cancel(reference, reason, now, caller.userId())) {
        throw new ConflictException("License " + reference + " is " + license.status() + " and cannot be cancelled");
      }
      List<String> roots = new ArrayList<>(roots(reference));
      for (MisuseReport report : reports.openOf(reference)) {
        roots.addAll(roots(report.reference()));
        reports.updateStatus(report.id(), MisuseReportStatus.CANCELLED);
      }
      Application application = applications.find(license.applicationId()).orElseThrow();
      return finish(reference, "LICENSE", application.submittedBy(), reason, now, caller, roots);
    }
    Application application = applications.findByReference(reference).orElseThrow(() -> notFound(reference));
    if (!applications.cancel(application.id(), reason, now, caller.userId())) {
      throw new ConflictException("Application " + reference + " is " + application.status() + " and cannot be cancelled"
          + (application.status() == ApplicationStatus.APPROVED ? "; cancel its license instead" : ""));
    }
    List<String> roots = new ArrayList<>(roots(reference));
    // an appeal runs under its own reference (issue 17): it ends with its application
    appeals.ofApplication(application.id()).ifPresent(appeal -> roots.addAll(roots(appeal.reference())));
    return finish(reference, "APPLICATION", application.submittedBy(), reason, now, caller, roots);
  }

  private CancellationView finish(String reference, String kind, String applicant, String reason, OffsetDateTime now,
      CurrentUser caller, List<String> processInstances) {
    String why = "Cancelled by " + caller.userId() + ": " + reason;
    Privileged.run("cancellation of " + reference, () -> {
      for (String id : processInstances) {
        runtimeService.deleteProcessInstance(id, why.length() > 4000 ? why.substring(0, 4000) : why, false, true);
      }
      runtimeService.startProcessInstanceByKey(CaseCancellationProcess.KEY, reference, Map.of(
          CaseCancellationProcess.APPLICANT, applicant, CaseCancellationProcess.REASON, reason,
          CaseCancellationProcess.CANCELLED_AT, now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
          CaseCancellationProcess.CASE_KIND, kind));
    });
    decisionLog.record(reference, DecisionAction.CASE_CANCELLED,
        details("reason", reason, "endedProcessInstances", processInstances));
    return new CancellationView(reference, "CANCELLED", reason, now, caller.userId(), processInstances);
  }

  /** The running top-level process instances of a business key (ending one ends what it called). */
  private List<String> roots(String businessKey) {
    // paged: queries made as the caller may not be unbounded (queryMaxResultsLimit); a case has a handful
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).rootProcessInstances()
        .listPage(0, 100).stream().map(ProcessInstance::getId).toList();
  }

  private static ResourceNotFoundException notFound(String reference) {
    return new ResourceNotFoundException("No application or license " + reference);
  }
}
