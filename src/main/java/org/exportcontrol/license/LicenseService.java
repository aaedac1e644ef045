package org.exportcontrol.license;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.exportcontrol.api.CollisionRetry;
import org.exportcontrol.api.ConflictException;
import org.exportcontrol.api.ResourceNotFoundException;
import org.exportcontrol.api.Violations;
import org.exportcontrol.application.Application;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.HistoryEntry;
import org.exportcontrol.document.DocumentCase;
import org.exportcontrol.document.DocumentKind;
import org.exportcontrol.document.DocumentView;
import org.exportcontrol.document.Documents;
import org.exportcontrol.identity.Companies;
import org.exportcontrol.identity.CurrentUser;
import org.exportcontrol.identity.Groups;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/** Licenses as their holders and the staff see them, and the holder's confirmation of a shutdown. */
@Service
public class LicenseService {

  private final LicenseRepository licenses;
  private final ShutdownRepository shutdowns;
  private final ApplicationRepository applications;
  private final Companies companies;
  private final LicenseMessages messages;
  private final DecisionLog decisionLog;
  private final CollisionRetry retry;
  private final Documents documents;
  private final Clock clock;

  public LicenseService(LicenseRepository licenses, ShutdownRepository shutdowns, ApplicationRepository applications,
      Companies companies, LicenseMessages messages, DecisionLog decisionLog, CollisionRetry retry, Documents documents,
      Clock clock) {
    this.documents = documents;
    this.decisionLog = decisionLog;
    this.licenses = licenses;
    this.shutdowns = shutdowns;
    this.applications = applications;
    this.companies = companies;
    this.messages = messages;
    this.retry = retry;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public LicenseView get(String number, CurrentUser caller) {
    return view(accessible(number, caller));
  }

  /** The decision log's entries of the license, oldest first. */
  @Transactional(readOnly = true)
  public List<HistoryEntry> history(String number, CurrentUser caller) {
    return decisionLog.entries(accessible(number, caller).licenseNumber()).stream().map(HistoryEntry::of).toList();
  }

  public LicenseView confirmShutdown(String number, ShutdownConfirmation confirmation, CurrentUser caller) {
    return retry.inTransaction("the shutdown confirmation", () -> storeConfirmation(number, confirmation, caller));
  }

  private LicenseView storeConfirmation(String number, ShutdownConfirmation confirmation, CurrentUser caller) {
    License license = accessible(number, caller);
    Violations v = new Violations();
    if (confirmation == null) {
      v.add("$", "a JSON body is required");
      v.throwIfAny();
    }
    v.text("evidence", confirmation.evidence(), 1, 4000);
    if (v.required("shutdownAt", confirmation.shutdownAt()) && confirmation.shutdownAt().isAfter(now())) {
      v.add("shutdownAt", "must not be in the future");
    }
    List<DocumentView> evidence = documents.referenced(DocumentCase.license(number), confirmation.documentIds(),
        "documentIds", Set.of(DocumentKind.SHUTDOWN_EVIDENCE), v);
    v.throwIfAny();
    Shutdown shutdown = shutdowns.find(number)
        .orElseThrow(() -> new ConflictException("No shutdown is ordered for license " + number));
    if (shutdown.isVerified()) {
      throw new ConflictException("The shutdown of license " + number + " is already verified");
    }
    if (!shutdowns.confirm(number, now(), confirmation.shutdownAt(), confirmation.evidence(), caller.userId())) {
      throw new ConflictException("A confirmation of license " + number + " is already awaiting verification");
    }
    decisionLog.record(number, DecisionAction.SHUTDOWN_CONFIRMED, DecisionLog.details(
        "shutdownAt", confirmation.shutdownAt(), "evidence", confirmation.evidence(),
        "documentIds", evidence.isEmpty() ? null : evidence.stream().map(DocumentView::documentId).toList()));
    // matched on the license number and the process, not on the business key (issue 21, 1)
    List<?> reached;
    try {
      reached = messages.send(LicenseRevocationProcess.KEY, LicenseRevocationProcess.MESSAGE_SHUTDOWN_CONFIRMED, number,
          Map.of(LicenseRevocationProcess.SHUTDOWN_EVIDENCE, confirmation.evidence(),
              LicenseRevocationProcess.SHUTDOWN_AT, confirmation.shutdownAt().toString()));
    } catch (MismatchingMessageCorrelationException e) {
      reached = List.of();
    }
    if (reached.isEmpty()) {
      throw new ConflictException("No confirmation of license " + number + " is awaited");
    }
    return view(licenses.find(number).orElseThrow());
  }

  public LicenseView surrender(String number, SurrenderRequest request, CurrentUser caller) {
    return retry.inTransaction("the surrender", () -> storeSurrender(number, request, caller));
  }

  /**
   * The holder gives the license up (issue 17): allowed while it is ACTIVE or SUSPENDED and no shutdown
   * is pending. It becomes SURRENDERED, its licenseExpiry process ends at once and emails the holder
   * (the message LicenseEnded with licenseEndedBy SURRENDERED), and the decision log records who and
   * why. Misuse reports on it go on; it can still be revoked, with its shutdown order.
   */
  private LicenseView storeSurrender(String number, SurrenderRequest request, CurrentUser caller) {
    License license = accessible(number, caller);
    Violations v = new Violations();
    if (request == null) {
      v.add("$", "a JSON body is required");
      v.throwIfAny();
    }
    v.text("reason", request.reason(), 1, 2000);
    v.throwIfAny();
    if (!license.inForce()) {
      throw new ConflictException("License " + number + " is " + license.status()
          + "; only an ACTIVE or SUSPENDED license can be surrendered");
    }
    if (shutdowns.find(number).filter(s -> !s.isVerified()).isPresent()) {
      throw new ConflictException("A shutdown of license " + number + " is pending; it cannot be surrendered");
    }
    if (!licenses.surrender(number, request.reason(), now(), caller.userId())) {
      throw new ConflictException("License " + number + " is "
          + licenses.find(number).map(License::status).orElse(null) + " and can no longer be surrendered");
    }
    decisionLog.record(number, DecisionAction.SURRENDERED, DecisionLog.details(
        "reason", request.reason(), "by", caller.userId(), "statusBefore", license.status().name()));
    // no renewal reminder, no expiry notice; the expiry process confirms the surrender by email, so
    // without it (a license in force always has one) nothing is surrendered rather than nobody told
    if (messages.licenseEnded(number, LicenseStatus.SURRENDERED,
        Map.of(LicenseExpiryProcess.SURRENDER_REASON, request.reason())).isEmpty()) {
      throw new ConflictException("License " + number + " has no running expiry process and cannot be surrendered"
          + " through the API; please contact the licensing authority");
    }
    return view(licenses.find(number).orElseThrow());
  }

  /**
   * Attaches a file to the license: the holder's shutdown evidence (once a shutdown is ordered, and
   * named in the confirmation's documentIds) or another document; the foreign-affairs reviewers'
   * diplomatic note. Linked from the running revocation's forms at once.
   */
  public DocumentView attach(String number, String kind, MultipartFile file, CurrentUser caller) {
    return retry.inTransaction("the document", () -> {
      License license = accessible(number, caller);
      Set<DocumentKind> allowed = caller.groups().contains(Groups.APPLICANTS)
          ? Set.of(DocumentKind.SHUTDOWN_EVIDENCE, DocumentKind.OTHER)
          : Set.of(DocumentKind.DIPLOMATIC_NOTE, DocumentKind.OTHER);
      if (DocumentKind.SHUTDOWN_EVIDENCE.name().equals(kind) && allowed.contains(DocumentKind.SHUTDOWN_EVIDENCE)
          && shutdowns.find(number).isEmpty()) {
        throw new ConflictException("No shutdown is ordered for license " + number);
      }
      DocumentCase c = DocumentCase.license(license.licenseNumber());
      DocumentView document = documents.attach(c, kind, file, allowed, caller.userId());
      documents.publishLinks(c, LicenseRevocationProcess.KEY, LicenseFacts.LICENSE_NUMBER, number);
      return document;
    });
  }

  /** A document of the license, for whoever may see the license; another case's is not found. */
  @Transactional(readOnly = true)
  public ResponseEntity<byte[]> download(String number, String documentId, CurrentUser caller) {
    return documents.download(DocumentCase.license(accessible(number, caller).licenseNumber()), documentId);
  }

  /** The license if the caller may see it: the holder's company or staff; anyone else gets 404. */
  private License accessible(String number, CurrentUser caller) {
    License license = licenses.find(number).orElseThrow(() -> new ResourceNotFoundException("No license " + number));
    if (!caller.isStaff()) {
      String company = applications.find(license.applicationId()).orElseThrow().exporterCompany();
      if (!companies.companyOf(caller.userId()).map(g -> g.getId().equals(company)).orElse(false)) {
        throw new ResourceNotFoundException("No license " + number);
      }
    }
    return license;
  }

  private LicenseView view(License l) {
    Application a = applications.find(l.applicationId()).orElseThrow();
    return new LicenseView(l.licenseNumber(), l.status(), a.reference(),
        new LicenseView.Exporter(a.exporterName()), new LicenseView.Product(a.productName(), a.productCategory()),
        new LicenseView.EndUser(a.endUserName(), a.endUserType(), a.endUserCountry()),
        l.validFrom(), l.validUntil(), l.conditions(), l.suspendedAt(), l.revokedAt(), l.revocationReason(),
        shutdowns.find(l.licenseNumber()).map(s -> new LicenseView.ShutdownView(s.orderedAt(), s.deadline(),
            s.confirmedAt(), s.verifiedAt())).orElse(null),
        l.cancellationReason() == null ? null : new LicenseView.Cancellation(l.cancellationReason(), l.cancelledAt()),
        documents.of(DocumentCase.license(l.licenseNumber())),
        licenses.surrenderOf(l.licenseNumber()).map(x -> new LicenseView.Surrender(x.reason(), x.surrenderedAt()))
            .orElse(null),
        licenses.issuedOnAppeal(l.licenseNumber()));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
