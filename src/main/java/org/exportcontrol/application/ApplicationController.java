package org.exportcontrol.application;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.regex.Pattern;
import org.exportcontrol.api.Violations;
import org.exportcontrol.audit.HistoryEntry;
import org.exportcontrol.document.DocumentView;
import org.exportcontrol.identity.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The applicant API. Which groups may call what is in the security configuration. */
@RestController
@RequestMapping(path = "/api/applications", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Applications", description = "Export license applications (group applicants; staff groups read all)")
class ApplicationController {

  /** What ReferenceNumbers hands out for applications: EXP, the year, a counter of at least six digits. */
  static final Pattern REFERENCE = Pattern.compile("EXP-\\d{4}-\\d{6,9}");

  private final ApplicationService service;

  ApplicationController(ApplicationService service) {
    this.service = service;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Apply for an export license",
      description = "Screens the application at once; the answer carries the screening outcome. "
          + "The exporting company is the caller's.")
  ResponseEntity<ApplicationView> submit(@RequestBody ApplicationRequest request) {
    ApplicationView view = service.submit(request, CurrentUser.get());
    return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
        .buildAndExpand(view.id()).toUri()).body(view);
  }

  @GetMapping("/{id}")
  @Operation(summary = "One application (another company's answers 404)")
  ApplicationView get(@PathVariable String id) {
    return service.get(id, CurrentUser.get());
  }

  @GetMapping("/by-reference/{reference}")
  @Operation(summary = "One application by its reference (EXP-yyyy-nnnnnn)",
      description = "The same view and rules as GET /api/applications/{id}: another company's or an unknown "
          + "reference answers 404, a malformed one 400 naming the field reference.")
  ApplicationView byReference(
      @Parameter(description = "the application's reference, e.g. EXP-2026-000001") @PathVariable String reference) {
    Violations v = new Violations();
    checkReference(v, reference);
    v.throwIfAny();
    return service.getByReference(reference, CurrentUser.get());
  }

  @GetMapping
  @Operation(summary = "The caller's applications (staff: all), newest first",
      description = "With reference=EXP-yyyy-nnnnnn only that application (an empty page when the caller may "
          + "not see it or it does not exist); a malformed reference answers 400.")
  ApplicationPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
      @Parameter(description = "only the application with this reference, e.g. EXP-2026-000001")
      @RequestParam(required = false) String reference) {
    Violations v = new Violations();
    if (reference != null) {
      checkReference(v, reference);
    }
    if (page < 0) {
      v.add("page", "must be 0 or more");
    }
    if (size < 1 || size > 100) {
      v.add("size", "must be between 1 and 100");
    }
    v.throwIfAny();
    return reference == null ? service.list(CurrentUser.get(), page, size)
        : service.listByReference(CurrentUser.get(), reference, page, size);
  }

  private static void checkReference(Violations v, String reference) {
    if (!REFERENCE.matcher(reference).matches()) {
      v.add("reference", "must be an application reference such as EXP-2026-000001");
    }
  }

  @GetMapping("/{id}/history")
  @Operation(summary = "The case's history from the decision log (staff)",
      description = "Every entry of the application and of its license, oldest first: seq, at, actor, action, details.")
  List<HistoryEntry> history(@PathVariable String id) {
    return service.history(id, CurrentUser.get());
  }

  @PostMapping(path = "/{id}/responses", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Answer an open request", description = "409 when no such request is open.")
  ApplicationView respond(@PathVariable String id, @RequestBody ResponseRequest response) {
    return service.respond(id, response, CurrentUser.get());
  }

  @PostMapping(path = "/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Attach a document to the application",
      description = "multipart/form-data with the part file (PDF, PNG or JPEG, checked by content; at most "
          + "10 MiB, 413 above) and the field kind (END_USE_CERTIFICATE, TECHNICAL_SPECIFICATION, OTHER). "
          + "201 with the stored document; 409 once decided or withdrawn, or when the application has its 20 "
          + "documents. An answer to a question refers to it in documentIds.")
  ResponseEntity<DocumentView> attach(@PathVariable String id,
      @RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "kind", required = false) String kind) {
    DocumentView document = service.attach(id, kind, file, CurrentUser.get());
    return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{documentId}")
        .buildAndExpand(document.documentId()).toUri()).body(document);
  }

  @GetMapping(path = "/{id}/documents/{documentId}", produces = MediaType.ALL_VALUE)
  @Operation(summary = "Download a document of the application",
      description = "As an attachment, with its stored type; for whoever may see the application (another "
          + "company: 404). Staff logged into the webapps may follow the link with their session.")
  ResponseEntity<byte[]> download(@PathVariable String id, @PathVariable String documentId) {
    return service.download(id, documentId, CurrentUser.get());
  }

  @PostMapping(path = "/{id}/amendments", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Amend an application under review",
      description = "A complete application body, under the rules and errors of POST /api/applications. The "
          + "answer (201) is the new application's view: its own reference, amendmentOf the original's, "
          + "screened at once and reviewed again. The original becomes SUPERSEDED (supersededBy the new "
          + "reference), its open tasks and questions end. Allowed while the original is INFORMATION_REQUESTED, "
          + "IN_REVIEW or AWAITING_DECISION; 409 otherwise. Another company's application: 404.")
  ResponseEntity<ApplicationView> amend(@PathVariable String id, @RequestBody ApplicationRequest request) {
    ApplicationView view = service.amend(id, request, CurrentUser.get());
    return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
        .path("/api/applications/{id}").buildAndExpand(view.id()).toUri()).body(view);
  }

  @PostMapping("/{id}/withdraw")
  @Operation(summary = "Withdraw the application", description = "Open tasks end at once; 409 once decided.")
  ApplicationView withdraw(@PathVariable String id) {
    return service.withdraw(id, CurrentUser.get());
  }
}
