package org.exportcontrol.screening.restrictedparty;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.exportcontrol.identity.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Restricted-party lists (issue 18): administrators and compliance officers (see the security configuration). */
@RestController
@Tag(name = "Restricted parties", description = "Lists of parties exports to which are presumed denied")
class RestrictedPartyController {

  private final RestrictedPartyImports imports;

  RestrictedPartyController(RestrictedPartyImports imports) {
    this.imports = imports;
  }

  @PostMapping(path = "/api/admin/restricted-parties/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Import a restricted-party list",
      description = "Part file: one CSV (UTF-8) with a header row and the columns source, entry_id, name, alt_names "
          + "(separated by ;), country (ISO alpha-2 or empty), listed_on (ISO date), reason; every row of one source. "
          + "It replaces that source's entries as a new version (earlier ones are kept) and starts the re-screening "
          + "of live licenses and open applications in a job. A malformed file is refused whole: 400 naming its "
          + "line and column, nothing changes. At most 200,000 entries and 10 MiB.")
  ResponseEntity<RestrictedPartyImports.ImportSummary> importList(
      @RequestPart(name = "file", required = false) MultipartFile file) {
    RestrictedPartyImports.ImportSummary summary = imports.importFile(file, CurrentUser.get());
    return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
        .buildAndExpand(summary.importId()).toUri()).body(summary);
  }

  @GetMapping(path = "/api/admin/restricted-parties/imports/{importId}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "One list import and its re-screening",
      description = "rescreened, newMatches and misuseReports once rescreenStatus is FINISHED. 404 for an unknown id.")
  RestrictedPartyImports.ImportView importView(@PathVariable String importId) {
    return imports.view(importId);
  }

  @GetMapping(path = "/api/admin/restricted-parties", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Search the current lists",
      description = "The current entries whose name or an alternative name matches name (normalised, Jaro-Winkler "
          + "score at least exportcontrol.screening.match-threshold), best first, at most 100, each with its score.")
  List<RestrictedPartyImports.SearchHit> search(@RequestParam(required = false) String name) {
    return imports.search(name);
  }
}
