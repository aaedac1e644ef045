package org.exportcontrol.license;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
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

/** Licenses: the holder's company and staff read them; the holder confirms an ordered shutdown or surrenders. */
@RestController
@RequestMapping(path = "/api/licenses", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Licenses")
class LicenseController {

  private final LicenseService service;

  LicenseController(LicenseService service) {
    this.service = service;
  }

  @GetMapping("/{number}")
  @Operation(summary = "One license (another company's answers 404)")
  LicenseView get(@PathVariable String number) {
    return service.get(number, CurrentUser.get());
  }

  @GetMapping("/{number}/history")
  @Operation(summary = "The license's history from the decision log (staff)",
      description = "Every entry of the license, oldest first: seq, at, actor, action, details.")
  List<HistoryEntry> history(@PathVariable String number) {
    return service.history(number, CurrentUser.get());
  }

  @PostMapping(path = "/{number}/shutdown-confirmation", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Confirm that the systems of a revoked license are shut down",
      description = "A technical reviewer then verifies it. 409 when no shutdown is ordered, it is already "
          + "verified, or a confirmation is awaiting verification. documentIds name SHUTDOWN_EVIDENCE "
          + "documents attached beforehand.")
  LicenseView confirmShutdown(@PathVariable String number, @RequestBody ShutdownConfirmation confirmation) {
    return service.confirmShutdown(number, confirmation, CurrentUser.get());
  }

  @PostMapping(path = "/{number}/surrender", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Surrender the license (the holder's company)",
      description = "{reason} (1-2000 characters). Allowed while the license is ACTIVE or SUSPENDED and no "
          + "shutdown is pending; 409 otherwise. The license becomes SURRENDERED, its expiry process ends (no "
          + "renewal reminder, no expiry notice) and the holder is emailed. Misuse reports on it can still be "
          + "filed and investigated, and it can still be revoked with a shutdown order.")
  LicenseView surrender(@PathVariable String number, @RequestBody SurrenderRequest request) {
    return service.surrender(number, request, CurrentUser.get());
  }

  @PostMapping(path = "/{number}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Attach a document to the license",
      description = "multipart/form-data with the part file (PDF, PNG or JPEG, checked by content; at most "
          + "10 MiB, 413 above) and the field kind: the holder SHUTDOWN_EVIDENCE (once a shutdown is ordered) "
          + "or OTHER, the foreign-affairs reviewers DIPLOMATIC_NOTE or OTHER. 409 when the license has its "
          + "20 documents.")
  ResponseEntity<DocumentView> attach(@PathVariable String number,
      @RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "kind", required = false) String kind) {
    DocumentView document = service.attach(number, kind, file, CurrentUser.get());
    return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{documentId}")
        .buildAndExpand(document.documentId()).toUri()).body(document);
  }

  @GetMapping(path = "/{number}/documents/{documentId}", produces = MediaType.ALL_VALUE)
  @Operation(summary = "Download a document of the license",
      description = "As an attachment, with its stored type; for whoever may see the license (another "
          + "company: 404). Staff logged into the webapps may follow the link with their session.")
  ResponseEntity<byte[]> download(@PathVariable String number, @PathVariable String documentId) {
    return service.download(number, documentId, CurrentUser.get());
  }
}
