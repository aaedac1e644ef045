package org.exportcontrol.screening.restrictedparty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.exportcontrol.application.Application;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ApplicationStatus;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.application.InformationRequestRepository;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.engine.ProcessBean;
import org.exportcontrol.misuse.MisuseCategory;
import org.exportcontrol.misuse.MisuseReportRequest;
import org.exportcontrol.misuse.MisuseReportService;
import org.exportcontrol.screening.RecordScreeningDelegate;
import org.exportcontrol.wording.Wording;
import org.springframework.stereotype.Component;

/**
 * {@code ${rescreenAfterImport}}: after a list import, screens every live license's end user and every
 * application under review against the current lists, in one job (issue 18, ADR 0032).
 * <ul>
 *   <li>A license's new match (an entry it never matched before, under any version) opens one misuse
 *       report, category {@code RESTRICTED_PARTY_LISTED}, which then runs through the usual triage.</li>
 *   <li>An application's new match sends it to {@code restrictedPartyCheck}: the reviews or the
 *       decision it waited for are withdrawn from the reviewers, and start again once the match is cleared.</li>
 * </ul>
 * The import's view then shows what was screened, found and opened. A run that finds the import
 * already finished does nothing, and a failed run rolls back whole: the job runs it again.
 */
@Component("rescreenAfterImport")
@ProcessBean
public class RescreenAfterImportDelegate implements JavaDelegate {

  /** The screening's question for a missing certificate (exportLicenseReview.bpmn). */
  static final String SCREENING_CERTIFICATE_REQUEST = "requestEndUseCertificate";

  private final RestrictedPartyStore store;
  private final RestrictedPartyLists lists;
  private final RestrictedPartyScreening screening;
  private final MisuseReportService misuseReports;
  private final ApplicationRepository applications;
  private final InformationRequestRepository requests;
  private final RuntimeService runtimeService;
  private final DecisionLog decisionLog;
  private final Wording wording;
  private final Clock clock;

  public RescreenAfterImportDelegate(RestrictedPartyStore store, RestrictedPartyLists lists,
      RestrictedPartyScreening screening, MisuseReportService misuseReports, ApplicationRepository applications,
      InformationRequestRepository requests, RuntimeService runtimeService, DecisionLog decisionLog, Wording wording,
      Clock clock) {
    this.store = store;
    this.lists = lists;
    this.screening = screening;
    this.misuseReports = misuseReports;
    this.applications = applications;
    this.requests = requests;
    this.runtimeService = runtimeService;
    this.decisionLog = decisionLog;
    this.wording = wording;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String importId = (String) execution.getVariable(RestrictedPartyRescreeningProcess.IMPORT_ID);
    RestrictedPartyStore.ListImport listImport = store.find(importId).orElseThrow();
    if ("FINISHED".equals(listImport.rescreenStatus())) {
      return;
    }
    RestrictedPartyLists.Loaded loaded = lists.current();
    OffsetDateTime now = OffsetDateTime.now(clock);
    int rescreened = 0;
    int newMatches = 0;
    List<String> opened = new ArrayList<>();
    for (RestrictedPartyStore.Party license : store.liveLicenses()) {
      rescreened++;
      for (PartyMatch match : loaded.index().search(license.endUserName(), license.country(), lists.threshold())) {
        if (store.recordMatch(RestrictedPartyStore.LICENSE, license.subject(), match,
            loaded.versions().get(match.source()), now)) {
          newMatches++;
          String report = openMisuseReport(license, match).reference();
          store.setMisuseReport(RestrictedPartyStore.LICENSE, license.subject(), match, report);
          opened.add(report);
        }
      }
    }
    for (RestrictedPartyStore.Party application : store.applicationsUnderReview()) {
      rescreened++;
      List<PartyMatch> matches = loaded.index().search(application.endUserName(), application.country(),
          lists.threshold());
      List<PartyMatch> fresh = matches.stream().filter(m -> store.recordMatch(RestrictedPartyStore.APPLICATION,
          application.subject(), m, loaded.versions().get(m.source()), now)).toList();
      if (!fresh.isEmpty()) {
        newMatches += fresh.size();
        refer(application, matches, fresh);
      }
    }
    store.finishRescreen(importId, rescreened, newMatches, opened, now);
  }

  private org.exportcontrol.misuse.MisuseReportView openMisuseReport(RestrictedPartyStore.Party license, PartyMatch match) {
    RestrictedPartyStore.ListImport version = store.find(lists.current().versions().get(match.source())).orElseThrow();
    String source = cut("Restricted-party list " + match.source() + " of " + wording.date(version.importedAt()), 200);
    String summary = cut("The license's end user " + license.endUserName() + " (" + wording.country(license.country())
        + ") matches entry " + match.entryId() + " of " + match.source() + ": " + match.name()
        + (match.country() == null ? "" : " (" + wording.country(match.country()) + ")") + ", listed on "
        + wording.date(match.listedOn()) + (match.reason() == null ? "" : " (" + match.reason() + ")")
        + "; similarity of the names " + match.score() + ".", 4000);
    return misuseReports.reportBySystem(new MisuseReportRequest(license.subject(),
        MisuseCategory.RESTRICTED_PARTY_LISTED.name(), source, summary, null, LocalDate.now(clock)), DecisionLog.SYSTEM);
  }

  /** The application waits for a compliance officer's check instead of its reviews or decision. */
  private void refer(RestrictedPartyStore.Party party, List<PartyMatch> matches, List<PartyMatch> fresh) {
    Application application = applications.find(party.applicationId()).orElseThrow();
    decisionLog.recordBySystem(party.reference(), DecisionAction.RESTRICTED_PARTY_MATCHED, DecisionLog.details(
        "endUserName", party.endUserName(), "endUserCountry", party.country(), "threshold", lists.threshold(),
        "matches", fresh.stream().map(RestrictedPartyScreening::logged).toList(), "rescreening", true));
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(party.reference())
        .processDefinitionKey(ExportLicenseReviewProcess.KEY).singleResult();
    if (instance == null) {
      return;
    }
    String text = screening.describe(party.endUserName(), party.country(), matches);
    if (runtimeService.createExecutionQuery().processInstanceId(instance.getId())
        .activityId(SCREENING_CERTIFICATE_REQUEST).count() > 0) {
      // the screening waits for the applicant's certificate and runs again on the answer: it will refer
      return;
    }
    if (application.status() == ApplicationStatus.AWAITING_COMPLIANCE_CHECK) {
      // already at the check: the officer sees the new entries too
      runtimeService.setVariable(instance.getId(), ExportLicenseReviewProcess.RESTRICTED_PARTY_MATCHES_TEXT, text);
      return;
    }
    applications.recordScreening(application.id(), application.countryTier(), RecordScreeningDelegate.REFERRED,
        List.of(RecordScreeningDelegate.RESTRICTED_PARTY_MATCH), ApplicationStatus.AWAITING_COMPLIANCE_CHECK);
    decisionLog.recordBySystem(party.reference(), DecisionAction.SCREENED, DecisionLog.details(
        "outcome", RecordScreeningDelegate.REFERRED, "countryTier", application.countryTier(),
        "reasons", List.of(RecordScreeningDelegate.RESTRICTED_PARTY_MATCH), "rescreening", true));
    // questions to the applicant end with the reviews that asked them
    requests.closeAll(application.id());
    Privileged.run("restricted-party referral of " + party.reference(), () -> {
      ActivityInstance tree = runtimeService.getActivityInstance(instance.getId());
      // start the check first: cancelling every activity before it would end the process instance
      ProcessInstanceModificationBuilder modification = runtimeService.createProcessInstanceModification(instance.getId())
          .startBeforeActivity(ExportLicenseReviewProcess.RESTRICTED_PARTY_CHECK)
          .setVariable(ExportLicenseReviewProcess.SCREENING_OUTCOME, RecordScreeningDelegate.REFERRED)
          .setVariable(ExportLicenseReviewProcess.RESTRICTED_PARTY_MATCHES_TEXT, text);
      for (ActivityInstance child : tree.getChildActivityInstances()) {
        modification.cancelActivityInstance(child.getId());
      }
      for (var transition : tree.getChildTransitionInstances()) {
        modification.cancelTransitionInstance(transition.getId());
      }
      modification.execute();
    });
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
