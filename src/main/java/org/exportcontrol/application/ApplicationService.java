package org.exportcontrol.application;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.exportcontrol.api.CollisionRetry;
import org.exportcontrol.api.ConflictException;
import org.exportcontrol.api.ForbiddenException;
import org.exportcontrol.api.ResourceNotFoundException;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.HistoryEntry;
import org.exportcontrol.document.DocumentCase;
import org.exportcontrol.document.DocumentKind;
import org.exportcontrol.document.DocumentView;
import org.exportcontrol.document.Documents;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.identity.Companies;
import org.exportcontrol.identity.CurrentUser;
import org.exportcontrol.reference.ReferenceNumbers;
import org.exportcontrol.api.Violations;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * The applicant's side of the export license review. Each method is one transaction with the process
 * steps it triggers: the automated screening runs inside {@link #submit}, so the answer carries its
 * outcome, and a failure anywhere stores nothing.
 */
@Service
public class ApplicationService {

  public static final String SCREENING_STEP = "screening";
  /** What an applicant attaches to an application (shutdown evidence belongs to a license, ADR 0027). */
  static final Set<DocumentKind> APPLICATION_DOCUMENTS =
      Set.of(DocumentKind.END_USE_CERTIFICATE, DocumentKind.TECHNICAL_SPECIFICATION, DocumentKind.OTHER);

  private final ApplicationRepository applications;
  private final InformationRequestRepository requests;
  private final IssuedLicenses licenses;
  private final RecordedReviews reviews;
  private final ScreeningMatches screeningMatches;
  private final ApplicationValidator validator;
  private final ReferenceNumbers references;
  private final Companies companies;
  private final RuntimeService runtimeService;
  private final DecisionLog decisionLog;
  private final CollisionRetry retry;
  private final Documents documents;
  private final AppealRepository appeals;
  private final Clock clock;

  public ApplicationService(ApplicationRepository applications, InformationRequestRepository requests,
      IssuedLicenses licenses, RecordedReviews reviews, ScreeningMatches screeningMatches, ApplicationValidator validator, ReferenceNumbers references,
      Companies companies, RuntimeService runtimeService, DecisionLog decisionLog, CollisionRetry retry,
      Documents documents, AppealRepository appeals, Clock clock) {
    this.appeals = appeals;
    this.decisionLog = decisionLog;
    this.documents = documents;
    this.applications = applications;
    this.requests = requests;
    this.licenses = licenses;
    this.reviews = reviews;
    this.screeningMatches = screeningMatches;
    this.validator = validator;
    this.references = references;
    this.companies = companies;
    this.runtimeService = runtimeService;
    this.retry = retry;
    this.clock = clock;
  }

  public ApplicationView submit(ApplicationRequest request, CurrentUser caller) {
    return retry.inTransaction("the application", () -> store(request, caller));
  }

  private ApplicationView store(ApplicationRequest request, CurrentUser caller) {
    validator.validate(request);
    Application application = insert(request, caller, null);
    decisionLog.record(application.reference(), DecisionAction.APPLICATION_SUBMITTED, submitted(application));
    start(application, caller);
    return view(application.id(), caller);
  }

  /**
   * An amendment: a complete application (the rules of {@link #submit}) that supersedes the one under
   * review. In one transaction the amendment is stored with its own reference and {@code amendmentOf},
   * the original becomes SUPERSEDED with {@code supersededBy}, its open questions close, its process
   * ends through the message {@code ApplicationSuperseded} (its tasks are gone at once, nobody is
   * emailed) and the amendment's process starts: screening and the whole review again.
   */
  public ApplicationView amend(String id, ApplicationRequest request, CurrentUser caller) {
    return retry.inTransaction("the amendment", () -> amendment(id, request, caller));
  }

  private ApplicationView amendment(String id, ApplicationRequest request, CurrentUser caller) {
    Application original = accessible(id, caller);
    validator.validate(request);
    if (!original.status().isAmendable()) {
      throw new ConflictException(notAmendable(original));
    }
    Application amendment = insert(request, caller, original.reference());
    if (!applications.supersede(original.id(), amendment.reference())) {
      throw new ConflictException(notAmendable(applications.find(original.id()).orElseThrow()));
    }
    requests.closeAll(original.id());
    decisionLog.record(original.reference(), DecisionAction.SUPERSEDED,
        DecisionLog.details("supersededBy", amendment.reference(), "by", caller.userId()));
    Map<String, Object> details = submitted(amendment);
    details.put("amendmentOf", original.reference());
    details.put("changedFields", ApplicationChanges.between(original, amendment));
    decisionLog.record(amendment.reference(), DecisionAction.APPLICATION_SUBMITTED, details);
    try {
      Privileged.run("amendment of " + original.reference(), () ->
          runtimeService.createMessageCorrelation(ExportLicenseReviewProcess.MESSAGE_SUPERSEDED)
              .processInstanceId(original.processInstanceId())
              .correlateWithResult());
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException(original.reference() + " is no longer in review and cannot be amended");
    }
    start(amendment, caller);
    return view(amendment.id(), caller);
  }

  private static String notAmendable(Application application) {
    return application.reference() + " is " + application.status() + ": only an application under review"
        + " (INFORMATION_REQUESTED, IN_REVIEW or AWAITING_DECISION) can be amended";
  }

  private Map<String, Object> submitted(Application a) {
    return DecisionLog.details("exporter", a.exporterName(), "product", a.productName(), "category",
        a.productCategory(), "endUserType", a.endUserType(), "country", a.endUserCountry());
  }

  /** Stores a validated application body as a new application of the caller's company. */
  private Application insert(ApplicationRequest request, CurrentUser caller, String amendmentOf) {
    Group company = companies.companyOf(caller.userId())
        .orElseThrow(() -> new ForbiddenException("User " + caller.userId() + " belongs to no exporting company"));
    ApplicationRequest.Product p = request.product();
    ApplicationRequest.EndUser e = request.endUser();
    ApplicationRequest.EndUseCertificate c = request.endUseCertificate();
    ApplicationRequest.ContractValue v = request.contractValue();
    Application application = new Application(
        UUID.randomUUID().toString(), references.next("EXP"), ApplicationStatus.IN_REVIEW, now(),
        caller.userId(), company.getId(), company.getName(),
        p.name(), p.category(), p.controlEntry(), p.description(), p.remoteShutdownCapable(),
        e.name(), e.type(), e.country(), null,
        request.declaredPurposes().stream()
            .map(x -> new Application.Purpose(x.kind(), x.act(), x.offence(), x.maxPenaltyYears())).toList(),
        c == null ? null : c.signatory(), c == null ? null : c.signedOn(),
        c == null ? null : c.prohibitedUsesAcknowledged(),
        v == null ? null : v.amount(), v == null ? null : v.currency(),
        null, List.of(), null, List.of(), null, null, null, null, null, amendmentOf, null, List.of());
    applications.insert(application);
    return application;
  }

  /** Starts the application's review: the screening runs before the first wait state, inside this call. */
  private void start(Application application, CurrentUser caller) {
    Map<String, Object> variables = new java.util.HashMap<>(Map.of(
        ExportLicenseReviewProcess.APPLICATION_ID, application.id(),
        ExportLicenseReviewProcess.SUBMITTED_BY, caller.userId(),
        // the forms render it; kept up to date by each upload (ADR 0027)
        Documents.DOCUMENT_LINKS, ""));
    if (application.amendmentOf() != null) {
      // the received email then says it is an amendment, with both references
      variables.put(ExportLicenseReviewProcess.AMENDMENT_OF, application.amendmentOf());
    }
    String processInstanceId = Privileged.call("submission of " + application.reference(), () ->
        runtimeService.startProcessInstanceByKey(ExportLicenseReviewProcess.KEY, application.reference(), variables)
            .getId());
    applications.setProcessInstance(application.id(), processInstanceId);
  }

  @Transactional(readOnly = true)
  public ApplicationView get(String id, CurrentUser caller) {
    return view(accessible(id, caller).id(), caller);
  }

  /** The application with this reference, under the rules of {@link #get}: another company's is not found. */
  @Transactional(readOnly = true)
  public ApplicationView getByReference(String reference, CurrentUser caller) {
    return applications.findByReference(reference).filter(a -> mayRead(a, caller))
        .map(a -> view(a, caller))
        .orElseThrow(() -> new ResourceNotFoundException("No application " + reference));
  }

  /** The list filtered to one reference: a page with it, or an empty one when the caller may not see it. */
  @Transactional(readOnly = true)
  public ApplicationPage listByReference(CurrentUser caller, String reference, int page, int size) {
    List<Application> found = applications.findByReference(reference).filter(a -> mayRead(a, caller))
        .map(List::of).orElse(List.of());
    List<ApplicationView> content = page == 0 ? views(found, caller) : List.of();
    return new ApplicationPage(content, page, size, found.size(), found.isEmpty() ? 0 : 1);
  }

  @Transactional(readOnly = true)
  public ApplicationPage list(CurrentUser caller, int page, int size) {
    String company = caller.isStaff() ? null : companies.companyOf(caller.userId()).map(Group::getId).orElse("");
    List<ApplicationView> content = views(applications.page(company, page, size), caller);
    long total = applications.count(company);
    return new ApplicationPage(content, page, size, total, (int) ((total + size - 1) / size));
  }

  public ApplicationView respond(String id, ResponseRequest response, CurrentUser caller) {
    return retry.inTransaction("the answer", () -> answer(id, response, caller));
  }

  private ApplicationView answer(String id, ResponseRequest response, CurrentUser caller) {
    Application application = accessible(id, caller);
    validator.validate(response);
    Violations v = new Violations();
    List<DocumentView> attached = documents.referenced(documentCase(application), response.documentIds(),
        "documentIds", APPLICATION_DOCUMENTS, v);
    v.throwIfAny();
    InformationRequest request = requests.find(id, response.requestId())
        .filter(InformationRequest::isOpen)
        .orElseThrow(() -> new ConflictException("No open request " + response.requestId() + " on " + application.reference()));
    if (application.status().isClosed() || !requests.answer(request.id(), response.message(), caller.userId(), now())) {
      throw new ConflictException("Request " + request.id() + " is no longer open");
    }
    if (response.endUseCertificate() != null) {
      applications.updateCertificate(id, response.endUseCertificate());
    }
    decisionLog.record(application.reference(), DecisionAction.RESPONSE_RECEIVED, DecisionLog.details(
        "requestId", request.id(), "answer", response.message(),
        "certificateReplaced", response.endUseCertificate() != null ? Boolean.TRUE : null,
        "documentIds", attached.isEmpty() ? null : attached.stream().map(DocumentView::documentId).toList()));
    try {
      Privileged.run("answer to " + request.id(), () ->
          runtimeService.createMessageCorrelation(ApplicantInformationRequestProcess.MESSAGE_RESPONSE)
              .processInstanceVariableEquals(ApplicantInformationRequestProcess.REQUEST_ID, request.id())
              .setVariable(ApplicantInformationRequestProcess.ANSWER, response.message())
              .correlateWithResult());
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException("Request " + request.id() + " is no longer awaited");
    }
    // The screening sets the status itself when it runs again; a review question only pauses the case.
    if (!SCREENING_STEP.equals(request.askedByStep())
        && applications.find(id).orElseThrow().status() == ApplicationStatus.INFORMATION_REQUESTED
        && requests.open(id).isEmpty()) {
      applications.updateStatus(id, ApplicationStatus.IN_REVIEW);
    }
    return view(id, caller);
  }

  public ApplicationView withdraw(String id, CurrentUser caller) {
    return retry.inTransaction("the withdrawal", () -> withdrawal(id, caller));
  }

  private ApplicationView withdrawal(String id, CurrentUser caller) {
    Application application = accessible(id, caller);
    if (application.status().isClosed() || application.status() == ApplicationStatus.UNDER_APPEAL) {
      throw new ConflictException(application.reference() + " is " + application.status() + " and cannot be withdrawn");
    }
    applications.updateStatus(id, ApplicationStatus.WITHDRAWN);
    requests.closeAll(id);
    decisionLog.record(application.reference(), DecisionAction.WITHDRAWN, DecisionLog.details("by", "applicant"));
    try {
      Privileged.run("withdrawal of " + application.reference(), () ->
          runtimeService.createMessageCorrelation(ExportLicenseReviewProcess.MESSAGE_WITHDRAWN)
              .processInstanceId(application.processInstanceId())
              .correlateWithResult());
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException(application.reference() + " is no longer in review");
    }
    return view(id, caller);
  }

  /**
   * Attaches a file to the application while it is open (an answer to a question refers to it by
   * its documentId): stored, on the decision log, and linked from the review's forms at once.
   */
  public DocumentView attach(String id, String kind, MultipartFile file, CurrentUser caller) {
    return retry.inTransaction("the document", () -> {
      Application application = accessible(id, caller);
      if (application.status().isClosed()) {
        throw new ConflictException(application.reference() + " is " + application.status()
            + ": documents can no longer be attached");
      }
      DocumentView document = documents.attach(documentCase(application), kind, file, APPLICATION_DOCUMENTS,
          caller.userId());
      documents.publishLinks(documentCase(application), ExportLicenseReviewProcess.KEY,
          ExportLicenseReviewProcess.APPLICATION_ID, application.id());
      // an appeal's documents: its assessment and decision forms show them (issue 17)
      documents.publishLinks(documentCase(application), ApplicationAppealProcess.KEY,
          ApplicationAppealProcess.APPLICATION_ID, application.id());
      return document;
    });
  }

  /** A document of the application, for whoever may see the application; another case's is not found. */
  @Transactional(readOnly = true)
  public ResponseEntity<byte[]> download(String id, String documentId, CurrentUser caller) {
    return documents.download(documentCase(accessible(id, caller)), documentId);
  }

  private static DocumentCase documentCase(Application application) {
    return DocumentCase.application(application.id(), application.reference());
  }

  /** The decision log's entries of the application and, once issued, of its license, oldest first. */
  @Transactional(readOnly = true)
  public List<HistoryEntry> history(String id, CurrentUser caller) {
    Application application = accessible(id, caller);
    List<String> subjects = new ArrayList<>(List.of(application.reference()));
    ApplicationView.LicenseSummary license = licenses.of(List.of(id)).get(id);
    if (license != null) {
      subjects.add(license.number());
    }
    // an appeal's own entries (its steps' deadlines) are kept under its reference
    appeals.ofApplication(id).ifPresent(appeal -> subjects.add(appeal.reference()));
    return decisionLog.entries(subjects).stream().map(HistoryEntry::of).toList();
  }

  /** The application if the caller may see it; another company's is reported as not found. */
  private Application accessible(String id, CurrentUser caller) {
    Application application = applications.find(id)
        .orElseThrow(() -> new ResourceNotFoundException("No application " + id));
    if (!mayRead(application, caller)) {
      throw new ResourceNotFoundException("No application " + id);
    }
    return application;
  }

  /** The application if the caller may see it (another company's: 404), for the appeal. */
  Application accessibleApplication(String id, CurrentUser caller) {
    return accessible(id, caller);
  }

  private boolean mayRead(Application application, CurrentUser caller) {
    return caller.isStaff() || companies.companyOf(caller.userId())
        .map(company -> company.getId().equals(application.exporterCompany())).orElse(false);
  }

  private ApplicationView view(String id, CurrentUser caller) {
    return view(applications.find(id).orElseThrow(), caller);
  }

  private ApplicationView view(Application a, CurrentUser caller) {
    return views(List.of(a), caller).get(0);
  }

  /** Views of these applications, their requests, licenses and reviews loaded once for all of them. */
  private List<ApplicationView> views(List<Application> page, CurrentUser caller) {
    List<String> ids = page.stream().map(Application::id).toList();
    Map<String, List<InformationRequest>> openRequests = requests.openOf(ids);
    Map<String, ApplicationView.LicenseSummary> licensesOf = licenses.of(ids);
    Map<String, List<ApplicationView.Review>> reviewsOf = caller.isStaff() ? reviews.of(ids) : Map.of();
    Map<String, List<DocumentView>> documentsOf = documents.of(DocumentCase.APPLICATION, ids);
    // the list entries an end user matched are for staff only: applicants see the outcome and reason
    Map<String, List<ApplicationView.ScreeningMatch>> matchesOf = caller.isStaff() ? screeningMatches.of(ids) : Map.of();
    Map<String, Appeal> appealsOf = appeals.ofApplications(ids);
    return page.stream().map(a -> view(a, openRequests.getOrDefault(a.id(), List.of()), licensesOf.get(a.id()),
        appealsOf.get(a.id()), documentsOf.getOrDefault(a.id(), List.of()),
        caller.isStaff() ? reviewsOf.getOrDefault(a.id(), List.of()) : null,
        caller.isStaff() ? matchesOf.getOrDefault(a.id(), List.of()) : null)).toList();
  }

  private static ApplicationView view(Application a, List<InformationRequest> openRequests,
      ApplicationView.LicenseSummary license, Appeal appeal, List<DocumentView> documentList,
      List<ApplicationView.Review> reviewEntries, List<ApplicationView.ScreeningMatch> matches) {
    return new ApplicationView(
        a.id(), a.reference(), a.status(), a.submittedAt(), new ApplicationView.Exporter(a.exporterName()),
        new ApplicationView.Product(a.productName(), a.productCategory(), a.productControlEntry(),
            a.productDescription(), a.productRemoteShutdownCapable()),
        new ApplicationView.EndUser(a.endUserName(), a.endUserType(), a.endUserCountry()),
        a.countryTier(), a.declaredPurposes(),
        a.hasCertificate() ? new ApplicationView.Certificate(a.certificateSignatory(), a.certificateSignedOn(),
            a.certificateProhibitedUsesAcknowledged()) : null,
        a.contractAmount() == null ? null : new ApplicationView.ContractValue(a.contractAmount(), a.contractCurrency()),
        a.screeningOutcome() == null ? null : new ApplicationView.Screening(a.screeningOutcome(), a.screeningReasons(), matches),
        openRequests.stream().map(r -> new ApplicationView.OpenRequest(r.id(), r.question(), r.askedAt())).toList(),
        a.decisionOutcome() == null ? null : new ApplicationView.Decision(a.decisionOutcome(), a.decisionReasons(),
            a.refusalCriteria(), a.decisionRationale(), a.decidedAt()),
        license,
        a.cancellation() == null ? null : new ApplicationView.Cancellation(a.cancellation().reason(),
            a.cancellation().cancelledAt()),
        a.amendmentOf(), a.supersededBy(),
        appeal == null ? null : new ApplicationView.Appeal(appeal.reference(), appeal.status(), appeal.grounds(),
            appeal.submittedAt(), appeal.outcome(), appeal.rationale(), appeal.decidedAt()),
        documentList,
        reviewEntries);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
