package org.exportcontrol.application;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.exportcontrol.identity.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code POST /api/applications/{id}/appeal} (group applicants, the application's company). */
@RestController
@RequestMapping(path = "/api/applications", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Applications", description = "Export license applications (group applicants; staff groups read all)")
class AppealController {

  private final AppealService service;

  AppealController(AppealService service) {
    this.service = service;
  }

  @PostMapping(path = "/{id}/appeal", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Appeal against a licensing officer's refusal",
      description = "{\"grounds\": \"...\"} (20-8000 characters). 201 with the application view: status UNDER_APPEAL "
          + "and appeal {reference APL-yyyy-nnnnnn, status RECEIVED, grounds, submittedAt}. Once per application, "
          + "only when it was REJECTED by a licensing officer (reason REVIEW_REFUSED, not by the screening) and "
          + "within exportcontrol.sla.appeal-window (default P28D) of decision.decidedAt; otherwise 409 with a "
          + "sentence saying why. Another company's application: 404.")
  ResponseEntity<ApplicationView> appeal(@PathVariable String id, @RequestBody AppealRequest request) {
    ApplicationView view = service.appeal(id, request, CurrentUser.get());
    return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
        .path("/api/applications/{id}").buildAndExpand(view.id()).toUri()).body(view);
  }
}
