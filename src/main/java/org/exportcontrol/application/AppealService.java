package org.exportcontrol.application;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.exportcontrol.api.CollisionRetry;
import org.exportcontrol.api.ConflictException;
import org.exportcontrol.api.Violations;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.document.DocumentCase;
import org.exportcontrol.document.Documents;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.engine.SlaSettings;
import org.exportcontrol.identity.CurrentUser;
import org.exportcontrol.reference.ReferenceNumbers;
import org.exportcontrol.wording.Wording;
import org.springframework.stereotype.Service;

/**
 * An applicant's appeal against a licensing officer's refusal (issue 17, ADR 0030): once per
 * application, only against a refusal after review ({@code REVIEW_REFUSED}; the screening's rules are
 * not a judgement to appeal), and only within {@code exportcontrol.sla.appeal-window} of the refusal.
 * Stores the appeal, sets the application UNDER_APPEAL, records it in the decision log and starts
 * {@value ApplicationAppealProcess#KEY}, all in one transaction.
 */
@Service
public class AppealService {

  private final ApplicationService applicationService;
  private final ApplicationRepository applications;
  private final AppealRepository appeals;
  private final ReferenceNumbers references;
  private final RuntimeService runtimeService;
  private final DecisionLog decisionLog;
  private final Documents documents;
  private final SlaSettings sla;
  private final Wording wording;
  private final CollisionRetry retry;
  private final Clock clock;

  public AppealService(ApplicationService applicationService, ApplicationRepository applications,
      AppealRepository appeals, ReferenceNumbers references, RuntimeService runtimeService, DecisionLog decisionLog,
      Documents documents, SlaSettings sla, Wording wording, CollisionRetry retry, Clock clock) {
    this.applicationService = applicationService;
    this.applications = applications;
    this.appeals = appeals;
    this.references = references;
    this.runtimeService = runtimeService;
    this.decisionLog = decisionLog;
    this.documents = documents;
    this.sla = sla;
    this.wording = wording;
    this.retry = retry;
    this.clock = clock;
  }

  public ApplicationView appeal(String id, AppealRequest request, CurrentUser caller) {
    return retry.inTransaction("the appeal", () -> lodge(id, request, caller));
  }

  private ApplicationView lodge(String id, AppealRequest request, CurrentUser caller) {
    Application application = applicationService.accessibleApplication(id, caller);
    Violations v = new Violations();
    if (request == null) {
      v.add("$", "a JSON body is required");
      v.throwIfAny();
    }
    v.text("grounds", request.grounds(), 20, 8000);
    v.throwIfAny();
    OffsetDateTime now = OffsetDateTime.now(clock);
    refuseIfNotAppealable(application, now);

    String reference = references.next("APL");
    String grounds = request.grounds();
    appeals.insert(new Appeal(reference, application.id(), Appeal.RECEIVED, grounds, now, caller.userId(), null, null,
        null, null, null));
    applications.updateStatus(application.id(), ApplicationStatus.UNDER_APPEAL);
    decisionLog.record(application.reference(), DecisionAction.APPEAL_SUBMITTED,
        DecisionLog.details("appeal", reference, "grounds", grounds));

    Map<String, Object> variables = new HashMap<>();
    variables.put(ApplicationAppealProcess.APPLICATION_ID, application.id());
    variables.put(ApplicationAppealProcess.REFERENCE, application.reference());
    variables.put(ApplicationAppealProcess.APPEAL_REFERENCE, reference);
    variables.put(ApplicationAppealProcess.SUBMITTED_BY, caller.userId());
    variables.put(ApplicationAppealProcess.GROUNDS, grounds);
    variables.put(ApplicationAppealProcess.DUE_DATE, sla.appealDueDate());
    // what every task card shows (TaskCards), and the documents the forms link
    variables.put(ExportLicenseReviewProcess.Facts.PRODUCT_NAME, application.productName());
    variables.put(ExportLicenseReviewProcess.Facts.END_USER_COUNTRY, application.endUserCountry());
    variables.put(ExportLicenseReviewProcess.Facts.EXPORTER_NAME, application.exporterName());
    variables.put(Documents.DOCUMENT_LINKS, documents.links(DocumentCase.application(application.id(),
        application.reference())));
    String processInstanceId = Privileged.call("appeal " + reference + " of " + application.reference(), () ->
        runtimeService.startProcessInstanceByKey(ApplicationAppealProcess.KEY, reference, variables).getId());
    appeals.setProcessInstance(reference, processInstanceId);
    return applicationService.get(id, caller);
  }

  /** 409 with a sentence saying why this application cannot be appealed now. */
  private void refuseIfNotAppealable(Application application, OffsetDateTime now) {
    String ref = application.reference();
    appeals.ofApplication(application.id()).ifPresent(earlier -> {
      throw new ConflictException(ref + " has already been appealed (" + earlier.reference()
          + "); an application can be appealed only once.");
    });
    if (application.status() != ApplicationStatus.REJECTED) {
      throw new ConflictException(ref + " is " + application.status()
          + ": only an application refused by a licensing officer can be appealed.");
    }
    if (application.decisionReasons().contains("RESTRICTED_PARTY")) {
      throw new ConflictException(ref + " was refused because a compliance officer confirmed that its end user is on"
          + " a restricted-party list, which cannot be appealed: only a licensing officer's refusal can.");
    }
    if (!application.decisionReasons().contains(ExportLicenseReviewProcess.REVIEW_REFUSED)
        || application.decidedAt() == null) {
      throw new ConflictException(ref + " was rejected by the automated screening, which cannot be appealed: "
          + "only a licensing officer's refusal can. Submit a corrected application instead.");
    }
    OffsetDateTime closes = application.decidedAt().plus(sla.appealWindow());
    if (now.isAfter(closes)) {
      throw new ConflictException("The time to appeal against the refusal of " + ref + " ended on "
          + wording.dateTime(closes) + ": an appeal must be made within " + days(sla) + " of the refusal.");
    }
  }

  private static String days(SlaSettings sla) {
    long days = sla.appealWindow().toDays();
    return days * 86400 == sla.appealWindow().toSeconds() ? days + (days == 1 ? " day" : " days")
        : sla.appealWindow().toString();
  }
}
