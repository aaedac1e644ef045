package org.exportcontrol.misuse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.exportcontrol.api.CollisionRetry;
import org.exportcontrol.api.ResourceNotFoundException;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.identity.CurrentUser;
import org.exportcontrol.license.SuspendLicenseDelegate;
import org.exportcontrol.reference.ReferenceNumbers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Receives misuse reports and starts their handling ({@code misuseReport}, business key = the reference). */
@Service
public class MisuseReportService {

  private final MisuseReportRepository reports;
  private final MisuseReportValidator validator;
  private final ReferenceNumbers references;
  private final RuntimeService runtimeService;
  private final DecisionLog decisionLog;
  private final ObjectMapper json;
  private final CollisionRetry retry;
  private final Clock clock;

  public MisuseReportService(MisuseReportRepository reports, MisuseReportValidator validator, ReferenceNumbers references,
      RuntimeService runtimeService, DecisionLog decisionLog, ObjectMapper json, CollisionRetry retry, Clock clock) {
    this.decisionLog = decisionLog;
    this.reports = reports;
    this.validator = validator;
    this.references = references;
    this.runtimeService = runtimeService;
    this.json = json;
    this.retry = retry;
    this.clock = clock;
  }

  public MisuseReportView report(MisuseReportRequest request, CurrentUser caller) {
    return retry.inTransaction("the misuse report", () -> file(request, caller));
  }

  /**
   * A report the system files itself (the re-screening after a restricted-party list import, issue 18),
   * in the caller's transaction: validated like any report, recorded under {@code reportedBy}.
   */
  public MisuseReportView reportBySystem(MisuseReportRequest request, String reportedBy) {
    return file(request, new CurrentUser(reportedBy, List.of()));
  }

  /** Every report on the license, oldest first. */
  @Transactional(readOnly = true)
  public List<MisuseReportView> ofLicense(String licenseNumber) {
    return reports.ofLicense(licenseNumber).stream().map(MisuseReportService::view).toList();
  }

  private MisuseReportView file(MisuseReportRequest request, CurrentUser caller) {
    Map<String, Object> license = validator.validate(request);
    List<String> evidence = request.evidence();
    MisuseReport report = new MisuseReport(UUID.randomUUID().toString(), references.next("MR"),
        MisuseReportStatus.RECEIVED, request.licenseNumber(), request.category(), request.source(),
        request.summary(), evidence == null ? null : write(evidence), request.reportedOn(), OffsetDateTime.now(clock),
        caller.userId(), null, null, null, null, null, null, null);
    reports.insert(report);
    decisionLog.record(report.reference(), DecisionAction.MISUSE_REPORTED, DecisionLog.details(
        "licenseNumber", report.licenseNumber(), "category", report.category(), "source", report.source(),
        "summary", report.summary(), "evidence", evidence, "reportedOn", report.reportedOn()));
    String processInstanceId = Privileged.call("misuse report " + report.reference(), () ->
        runtimeService.startProcessInstanceByKey(MisuseReportProcess.KEY, report.reference(), variables(report, license))
            .getId());
    reports.setProcessInstance(report.id(), processInstanceId);
    return view(reports.find(report.id()).orElseThrow());
  }

  /** The process's variables: the license's facts and the report's. */
  private static Map<String, Object> variables(MisuseReport report, Map<String, Object> license) {
    Map<String, Object> variables = new HashMap<>(license);
    variables.put(MisuseReportProcess.REPORT_ID, report.id());
    variables.put(MisuseReportProcess.REFERENCE, report.reference());
    // the name every process's task cards read the case's reference from (TaskCards)
    variables.put(MisuseReportProcess.CARD_REFERENCE, report.reference());
    variables.put(MisuseReportProcess.CATEGORY, report.category());
    variables.put(MisuseReportProcess.SOURCE, report.source());
    variables.put(MisuseReportProcess.SUMMARY, report.summary());
    variables.put(SuspendLicenseDelegate.INTERIM_SUSPENSION, false);
    return variables;
  }

  @Transactional(readOnly = true)
  public MisuseReportView get(String id) {
    return view(reports.find(id).orElseThrow(() -> new ResourceNotFoundException("No misuse report " + id)));
  }

  private static MisuseReportView view(MisuseReport r) {
    return new MisuseReportView(r.id(), r.reference(), r.status(), r.licenseNumber(),
        r.category(), r.receivedAt(), r.finding(), r.action());
  }

  private String write(List<String> evidence) {
    try {
      return json.writeValueAsString(evidence);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
