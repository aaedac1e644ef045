package org.exportcontrol.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.exportcontrol.application.Application;
import org.exportcontrol.application.AppealRepository;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.DecisionLogEntry;
import org.exportcontrol.casefile.CaseFile.Fact;
import org.exportcontrol.license.License;
import org.exportcontrol.license.LicenseRepository;
import org.exportcontrol.license.Shutdown;
import org.exportcontrol.license.ShutdownRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts a case's file together: the application and its license, the misuse reports on that license,
 * the decision log of all three (who decided what, when and why), the documents, the emails sent, the
 * open tasks and the process instances. A case is everything with one of its keys as subject or
 * business key: the application's reference, the license number and the reports' references.
 *
 * <p>Read-only, for staff only (the caller has checked): the engine is asked without an authenticated
 * user, as the project's own reads are, and the other features' tables are read here rather than
 * through new methods on them, so that the case file can show everything and change nothing.
 */
@Service
class CaseFiles {

  /** The log entries that are someone's decision, shown first; the full record follows on the page. */
  static final Set<DecisionAction> DECISIONS = Set.of(DecisionAction.REVIEW_RECORDED, DecisionAction.DECIDED,
      DecisionAction.COUNTERSIGNED, DecisionAction.REFUSED, DecisionAction.WITHDRAWN, DecisionAction.TRIAGED,
      DecisionAction.INVESTIGATED, DecisionAction.ACTION_DECIDED, DecisionAction.SUSPENSION_REVIEWED,
      DecisionAction.REVOCATION_REQUESTED, DecisionAction.SHUTDOWN_VERIFIED, DecisionAction.SHUTDOWN_REJECTED,
      DecisionAction.SHUTDOWN_ESCALATION_HANDLED, DecisionAction.BUYING_STATE_NOTIFIED, DecisionAction.CASE_CANCELLED,
      DecisionAction.APPEAL_SUBMITTED, DecisionAction.APPEAL_ASSESSED, DecisionAction.APPEAL_DECIDED);

  private static final int MAX_ROWS = 2000;

  private final ApplicationRepository applications;
  private final AppealRepository appeals;
  private final LicenseRepository licenses;
  private final ShutdownRepository shutdowns;
  private final JdbcClient jdbc;
  private final DecisionLog decisionLog;
  private final IdentityService identityService;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final RepositoryService repositoryService;
  private final ObjectProvider<CaseDocuments> documents;
  private final Clock clock;
  private final DateTimeFormatter dateTime;
  private final DateTimeFormatter date = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

  CaseFiles(ApplicationRepository applications, LicenseRepository licenses, ShutdownRepository shutdowns,
      JdbcClient jdbc, DecisionLog decisionLog, IdentityService identityService, TaskService taskService,
      HistoryService historyService, RepositoryService repositoryService, ObjectProvider<CaseDocuments> documents,
      Clock clock, ZoneId agencyTimeZone, AppealRepository appeals) {
    this.applications = applications;
    this.appeals = appeals;
    this.licenses = licenses;
    this.shutdowns = shutdowns;
    this.jdbc = jdbc;
    this.decisionLog = decisionLog;
    this.identityService = identityService;
    this.taskService = taskService;
    this.historyService = historyService;
    this.repositoryService = repositoryService;
    this.documents = documents;
    this.clock = clock;
    this.dateTime = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.UK).withZone(agencyTimeZone);
  }

  /** What a reference leads to: a case (an application's or a license's reference), a report's license, nothing. */
  sealed interface Lookup {}

  record Found(Application application, License license, String requested) implements Lookup {}

  /** A misuse report: its case file is its license's. */
  record ReportOf(String licenseNumber) implements Lookup {}

  record Unknown() implements Lookup {}

  @Transactional(readOnly = true)
  public Lookup find(String reference) {
    if (reference.startsWith("EXP-")) {
      return applications.findByReference(reference)
          .<Lookup>map(a -> new Found(a, licenseOf(a).orElse(null), reference)).orElse(new Unknown());
    }
    if (reference.startsWith("LIC-")) {
      return licenses.find(reference).flatMap(l -> applications.find(l.applicationId())
          .<Lookup>map(a -> new Found(a, l, reference))).orElse(new Unknown());
    }
    if (reference.startsWith("APL-")) {
      // an appeal is part of its application's case (issue 17)
      return appeals.find(reference).flatMap(appeal -> applications.find(appeal.applicationId()))
          .<Lookup>map(a -> new Found(a, licenseOf(a).orElse(null), reference)).orElse(new Unknown());
    }
    if (reference.startsWith("MR-")) {
      return jdbc.sql("select license_number from misuse_report where reference = ?").param(reference)
          .query(String.class).optional().<Lookup>map(ReportOf::new).orElse(new Unknown());
    }
    return new Unknown();
  }

  @Transactional(readOnly = true)
  public CaseFile caseFile(Found found) {
    Application a = found.application();
    License license = found.license();
    Names names = new Names();
    List<ReportRow> reports = license == null ? List.of() : reports(license.licenseNumber());
    List<String> keys = keys(a, license, reports);
    // the appeal runs under its own reference: its process, tasks and emails are the case's too
    appeals.ofApplication(a.id()).ifPresent(appeal -> keys.add(1, appeal.reference()));
    List<HistoricProcessInstance> instances = instances(keys);
    Map<String, String> businessKeys = instances.stream()
        .collect(Collectors.toMap(HistoricProcessInstance::getId, i -> String.valueOf(i.getBusinessKey())));

    List<CaseFile.Entry> record = decisionLog.entries(keys).stream().map(e -> entry(e, names)).toList();
    List<CaseFile.Entry> decisions = decisionLog.entries(keys).stream()
        .filter(e -> DECISIONS.contains(e.action())).map(e -> entry(e, names)).toList();
    CaseDocuments port = documents.getIfAvailable();
    List<CaseDocuments.CaseDocument> documentList = port == null ? null : port.of(new CaseDocuments.CaseKeys(a.id(),
        a.reference(), license == null ? null : license.licenseNumber(),
        reports.stream().map(ReportRow::reference).toList()));

    return new CaseFile(found.requested(), a.reference(), a.id(), Labels.of(a.status().name()),
        facts(a, names), purposes(a), screening(a), a.screeningReasons().stream().map(Labels::of).toList(),
        license == null ? List.of() : licenseFacts(license), reports.stream().map(r -> r.view(this, names)).toList(),
        decisions, record, documentList, emails(keys), tasks(keys, businessKeys, names),
        instances.stream().map(i -> new CaseFile.Process(i.getId(), definitionName(i.getProcessDefinitionId()),
            i.getBusinessKey(), time(i.getStartTime()), time(i.getEndTime()), i.getEndTime() == null)).toList());
  }

  /** Each process instance of the case with its diagram, the activities it passed and those it stands at. */
  @Transactional(readOnly = true)
  public List<CaseFile.Diagram> diagrams(Found found) {
    License license = found.license();
    List<ReportRow> reports = license == null ? List.of() : reports(license.licenseNumber());
    Map<String, String> xmlOf = new HashMap<>();
    List<CaseFile.Diagram> diagrams = new ArrayList<>();
    for (HistoricProcessInstance instance : instances(keys(found.application(), license, reports))) {
      List<HistoricActivityInstance> activities = historyService.createHistoricActivityInstanceQuery()
          .processInstanceId(instance.getId()).orderByHistoricActivityInstanceStartTime().asc().listPage(0, MAX_ROWS);
      List<String> passed = activities.stream().filter(x -> x.getEndTime() != null)
          .map(HistoricActivityInstance::getActivityId).distinct().toList();
      List<String> current = activities.stream().filter(x -> x.getEndTime() == null)
          .map(HistoricActivityInstance::getActivityId).distinct().toList();
      String xml = xmlOf.computeIfAbsent(instance.getProcessDefinitionId(), this::xml);
      diagrams.add(new CaseFile.Diagram(instance.getId(), definitionName(instance.getProcessDefinitionId()),
          instance.getBusinessKey(), instance.getEndTime() == null, xml, passed, current));
    }
    return diagrams;
  }

  // --- the facts

  private List<Fact> facts(Application a, Names names) {
    List<Fact> facts = new ArrayList<>();
    add(facts, "Reference", a.reference());
    add(facts, "Status", Labels.of(a.status().name()));
    add(facts, "Amends", a.amendmentOf());
    add(facts, "Superseded by", a.supersededBy());
    add(facts, "Submitted", time(a.submittedAt()));
    add(facts, "Submitted by", names.of(a.submittedBy()));
    add(facts, "Exporter", a.exporterName());
    add(facts, "Product", a.productName());
    add(facts, "Category", Labels.of(a.productCategory()));
    add(facts, "Control list entry", a.productControlEntry());
    add(facts, "Description", a.productDescription());
    add(facts, "Remote shutdown capable", a.productRemoteShutdownCapable() ? "Yes" : "No");
    add(facts, "End user", a.endUserName());
    add(facts, "End-user type", Labels.of(a.endUserType()));
    add(facts, "Country", a.endUserCountry());
    if (a.hasCertificate()) {
      add(facts, "End-use certificate signed by", a.certificateSignatory());
      add(facts, "Signed on", a.certificateSignedOn() == null ? null : date.format(a.certificateSignedOn()));
      add(facts, "Prohibited uses acknowledged", Boolean.TRUE.equals(a.certificateProhibitedUsesAcknowledged()) ? "Yes" : "No");
    } else {
      add(facts, "End-use certificate", "None yet");
    }
    if (a.contractAmount() != null) {
      add(facts, "Contract value", a.contractAmount().toPlainString() + " " + a.contractCurrency());
    }
    if (a.decisionOutcome() != null) {
      add(facts, "Decision", Labels.of(a.decisionOutcome()));
      add(facts, "Decided", time(a.decidedAt()));
      add(facts, "Decided by", names.of(a.decidedBy()));
      add(facts, "Decision reasons", a.decisionReasons().stream().map(Labels::of).collect(Collectors.joining(", ")));
      add(facts, "Rationale", a.decisionRationale());
    }
    if (a.cancellation() != null) {
      add(facts, "Cancelled", time(a.cancellation().cancelledAt()));
      add(facts, "Cancelled by", names.of(a.cancellation().cancelledBy()));
      add(facts, "Reason for cancelling", a.cancellation().reason());
    }
    return facts;
  }

  private static List<String> purposes(Application a) {
    return a.declaredPurposes().stream().map(p -> p.act() != null
        ? Labels.of(p.kind()) + ": " + Labels.of(p.act())
        : Labels.of(p.kind()) + ": " + p.offence() + " (up to " + p.maxPenaltyYears() + " years)").toList();
  }

  private List<Fact> screening(Application a) {
    List<Fact> facts = new ArrayList<>();
    add(facts, "Outcome", a.screeningOutcome() == null ? "Not screened yet" : Labels.of(a.screeningOutcome()));
    add(facts, "Country tier", Labels.of(a.countryTier()));
    return facts;
  }

  private List<Fact> licenseFacts(License l) {
    List<Fact> facts = new ArrayList<>();
    add(facts, "License number", l.licenseNumber());
    add(facts, "Status", Labels.of(l.status().name()));
    add(facts, "Issued", time(l.issuedAt()));
    add(facts, "Valid", date.format(l.validFrom()) + " to " + date.format(l.validUntil()));
    add(facts, "Conditions", l.conditions());
    add(facts, "Suspended", time(l.suspendedAt()));
    add(facts, "Revoked", time(l.revokedAt()));
    add(facts, "Reason for revoking", l.revocationReason());
    licenses.surrenderOf(l.licenseNumber()).ifPresent(x -> {
      add(facts, "Surrendered", time(x.surrenderedAt()));
      add(facts, "Reason for surrendering", x.reason());
    });
    add(facts, "Expired", time(l.expiredAt()));
    add(facts, "Cancelled", time(l.cancelledAt()));
    add(facts, "Reason for cancelling", l.cancellationReason());
    Optional<Shutdown> shutdown = shutdowns.find(l.licenseNumber());
    shutdown.ifPresent(s -> {
      add(facts, "Shutdown ordered", time(s.orderedAt()));
      add(facts, "Shutdown deadline", time(s.deadline()));
      add(facts, "Shutdown confirmed", time(s.confirmedAt()));
      add(facts, "Shutdown evidence", s.confirmationEvidence());
      add(facts, "Shutdown verified", time(s.verifiedAt()));
      add(facts, "Verification notes", s.verificationNotes());
    });
    return facts;
  }

  private record ReportRow(String reference, String status, String category, String source, String summary,
      String evidence, LocalDate reportedOn, OffsetDateTime receivedAt, String receivedBy, Boolean credible,
      String severity, String finding, String investigationSummary, String action, String actionRationale) {

    CaseFile.Report view(CaseFiles files, Names names) {
      List<Fact> facts = new ArrayList<>();
      add(facts, "Status", Labels.of(status));
      add(facts, "Category", Labels.of(category));
      add(facts, "Source", source);
      add(facts, "Summary", summary);
      add(facts, "Evidence", evidence);
      add(facts, "Reported on", reportedOn == null ? null : files.date.format(reportedOn));
      add(facts, "Received", files.time(receivedAt));
      add(facts, "Received by", names.of(receivedBy));
      add(facts, "Credible", credible == null ? null : credible ? "Yes" : "No");
      add(facts, "Severity", Labels.of(severity));
      add(facts, "Finding", Labels.of(finding));
      add(facts, "Investigation", investigationSummary);
      add(facts, "Action", Labels.of(action));
      add(facts, "Rationale of the action", actionRationale);
      return new CaseFile.Report(reference, facts);
    }
  }

  private List<ReportRow> reports(String licenseNumber) {
    return jdbc.sql("""
            select reference, status, category, source, summary, evidence, reported_on, received_at, received_by,
              credible, severity, finding, investigation_summary, action, action_rationale
            from misuse_report where license_number = ? order by received_at, reference""")
        .param(licenseNumber)
        .query((rs, row) -> new ReportRow(rs.getString("reference"), rs.getString("status"), rs.getString("category"),
            rs.getString("source"), rs.getString("summary"), rs.getString("evidence"),
            rs.getObject("reported_on", LocalDate.class), rs.getObject("received_at", OffsetDateTime.class),
            rs.getString("received_by"), (Boolean) rs.getObject("credible"), rs.getString("severity"),
            rs.getString("finding"), rs.getString("investigation_summary"), rs.getString("action"),
            rs.getString("action_rationale")))
        .list();
  }

  // --- the record

  private CaseFile.Entry entry(DecisionLogEntry e, Names names) {
    List<Fact> details = new ArrayList<>();
    JsonNode node = e.details();
    if (node != null && node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = field.getKey();
        String value = text(field.getValue());
        if (name.endsWith("By") || name.equals("by")) {
          value = names.of(value);
        } else if (name.equals("step")) {
          value = Labels.of(value);
        }
        add(details, Labels.of(name), value);
      }
    }
    return new CaseFile.Entry(e.seq(), time(e.at()), names.of(e.actor()), Labels.of(e.action().name()), e.subject(),
        details);
  }

  private static String text(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.asBoolean() ? "Yes" : "No";
    }
    if (value.isArray()) {
      return StreamSupport.stream(value.spliterator(), false).map(CaseFiles::text).collect(Collectors.joining(", "));
    }
    if (value.isObject()) {
      return value.toString();
    }
    return Labels.value(value.asText());
  }

  // --- emails, tasks, processes

  private List<CaseFile.Email> emails(List<String> keys) {
    return jdbc.sql("""
            select created_at, sent_at, recipient, subject, status from email_message
            where business_key in (:keys) order by created_at, id""")
        .param("keys", keys)
        .query((ResultSet rs, int row) -> new CaseFile.Email(time(rs.getObject("created_at", OffsetDateTime.class)),
            time(rs.getObject("sent_at", OffsetDateTime.class)), rs.getString("recipient"), rs.getString("subject"),
            Labels.of(rs.getString("status"))))
        .list();
  }

  private List<CaseFile.OpenTask> tasks(List<String> keys, Map<String, String> businessKeys, Names names) {
    Date now = Date.from(clock.instant());
    List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKeyIn(keys.toArray(String[]::new))
        .orderByTaskCreateTime().asc().listPage(0, MAX_ROWS);
    List<CaseFile.OpenTask> open = new ArrayList<>();
    for (Task task : tasks) {
      String candidates = taskService.getIdentityLinksForTask(task.getId()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(IdentityLink::getGroupId).map(names::ofGroup).collect(Collectors.joining(", "));
      open.add(new CaseFile.OpenTask(task.getName(), businessKeys.get(task.getProcessInstanceId()),
          task.getAssignee() == null ? null : names.of(task.getAssignee()), candidates, time(task.getCreateTime()),
          time(task.getDueDate()), task.getDueDate() != null && task.getDueDate().before(now),
          "/camunda/app/tasklist/default/#/?task=" + task.getId()));
    }
    return open;
  }

  private List<HistoricProcessInstance> instances(List<String> keys) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKeyIn(keys.toArray(String[]::new))
        .orderByProcessInstanceStartTime().asc().listPage(0, MAX_ROWS);
  }

  private String definitionName(String definitionId) {
    var definition = repositoryService.getProcessDefinition(definitionId);
    String name = definition.getName() == null ? definition.getKey() : definition.getName();
    return name + " (version " + definition.getVersion() + ")";
  }

  private String xml(String definitionId) {
    try (InputStream model = repositoryService.getProcessModel(definitionId)) {
      return new String(model.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> keys(Application a, License license, List<ReportRow> reports) {
    List<String> keys = new ArrayList<>(List.of(a.reference()));
    if (license != null) {
      keys.add(license.licenseNumber());
    }
    reports.forEach(r -> keys.add(r.reference()));
    return keys;
  }

  private Optional<License> licenseOf(Application a) {
    return Optional.ofNullable(licenses.findByApplications(List.of(a.id())).get(a.id()));
  }

  // --- formatting

  String time(TemporalAccessor at) {
    return at == null ? null : dateTime.format(at);
  }

  String time(Date at) {
    return at == null ? null : dateTime.format(at.toInstant());
  }

  private static void add(List<Fact> facts, String label, String value) {
    if (value != null && !value.isBlank()) {
      facts.add(new Fact(label, value));
    }
  }

  /** Display names of users and groups, each looked up once per page. */
  private final class Names {

    private final Map<String, String> users = new HashMap<>();
    private final Map<String, String> groups = new HashMap<>();

    String of(String userId) {
      if (userId == null) {
        return null;
      }
      if (DecisionLog.SYSTEM.equals(userId)) {
        return "System";
      }
      return users.computeIfAbsent(userId, id -> {
        User user = identityService.createUserQuery().userId(id).singleResult();
        if (user == null) {
          return id;
        }
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
            + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return name.isEmpty() ? id : name + " (" + id + ")";
      });
    }

    String ofGroup(String groupId) {
      return groups.computeIfAbsent(groupId, id -> {
        Group group = identityService.createGroupQuery().groupId(id).singleResult();
        return group == null || group.getName() == null ? id : group.getName();
      });
    }
  }
}
