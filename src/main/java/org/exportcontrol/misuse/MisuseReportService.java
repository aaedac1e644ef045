package org.exportcontrol.misuse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.exportcontrol.api.ResourceNotFoundException;
import org.exportcontrol.api.Violations;
import org.exportcontrol.application.ReferenceNumbers;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.identity.CurrentUser;
import org.exportcontrol.license.LicenseFacts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Receives misuse reports and starts their handling ({@code misuseReport}, business key = the reference). */
@Service
public class MisuseReportService {

  private final MisuseReportRepository reports;
  private final LicenseFacts licenseFacts;
  private final ReferenceNumbers references;
  private final RuntimeService runtimeService;
  private final DecisionLog decisionLog;
  private final ObjectMapper json;
  private final Clock clock;

  public MisuseReportService(MisuseReportRepository reports, LicenseFacts licenseFacts, ReferenceNumbers references,
      RuntimeService runtimeService, DecisionLog decisionLog, ObjectMapper json, Clock clock) {
    this.decisionLog = decisionLog;
    this.reports = reports;
    this.licenseFacts = licenseFacts;
    this.references = references;
    this.runtimeService = runtimeService;
    this.json = json;
    this.clock = clock;
  }

  @Transactional
  public MisuseReportView report(MisuseReportRequest request, CurrentUser caller) {
    Violations v = new Violations();
    if (request == null) {
      v.add("$", "a JSON body is required");
      v.throwIfAny();
    }
    Map<String, Object> license = null;
    if (v.required("licenseNumber", request.licenseNumber())) {
      license = licenseFacts.of(request.licenseNumber()).orElse(null);
      if (license == null) {
        v.add("licenseNumber", "no license with this number");
      }
    }
    v.oneOf("category", request.category(), MisuseCategory.class);
    v.text("source", request.source(), 1, 200);
    v.text("summary", request.summary(), 1, 4000);
    List<String> evidence = request.evidence();
    if (evidence != null) {
      if (evidence.size() > 20) {
        v.add("evidence", "must hold at most 20 items");
      }
      for (int i = 0; i < evidence.size(); i++) {
        v.text("evidence[" + i + "]", evidence.get(i), 1, 2000);
      }
    }
    if (request.reportedOn() != null && request.reportedOn().isAfter(LocalDate.now(clock))) {
      v.add("reportedOn", "must not be in the future");
    }
    v.throwIfAny();

    MisuseReport report = new MisuseReport(UUID.randomUUID().toString(), references.next("MR"),
        MisuseReportStatus.RECEIVED.name(), request.licenseNumber(), request.category(), request.source(),
        request.summary(), evidence == null ? null : write(evidence), request.reportedOn(), OffsetDateTime.now(clock),
        caller.userId(), null, null, null, null, null, null, null);
    reports.insert(report);
    Map<String, Object> variables = new HashMap<>(license);
    variables.put("misuseReportId", report.id());
    variables.put("misuseReference", report.reference());
    variables.put("misuseCategory", report.category());
    variables.put("misuseSource", report.source());
    variables.put("misuseSummary", report.summary());
    variables.put("interimSuspension", false);
    decisionLog.record(report.reference(), DecisionAction.MISUSE_REPORTED, DecisionLog.details(
        "licenseNumber", report.licenseNumber(), "category", report.category(), "source", report.source(),
        "summary", report.summary(), "evidence", evidence, "reportedOn", report.reportedOn()));
    String processInstanceId = Privileged.call("misuse report " + report.reference(), () ->
        runtimeService.startProcessInstanceByKey(MisuseReportProcess.KEY, report.reference(), variables).getId());
    reports.setProcessInstance(report.id(), processInstanceId);
    return view(reports.find(report.id()).orElseThrow());
  }

  @Transactional(readOnly = true)
  public MisuseReportView get(String id) {
    return view(reports.find(id).orElseThrow(() -> new ResourceNotFoundException("No misuse report " + id)));
  }

  private static MisuseReportView view(MisuseReport r) {
    return new MisuseReportView(r.id(), r.reference(), MisuseReportStatus.valueOf(r.status()), r.licenseNumber(),
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
