package org.exportcontrol.cancellation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.exportcontrol.identity.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The one intervention that ends a case outside its processes, for administrators (see the security configuration). */
@RestController
@Tag(name = "Administration")
class CaseCancellationController {

  private final CaseCancellationService service;

  CaseCancellationController(CaseCancellationService service) {
    this.service = service;
  }

  @PostMapping(path = "/api/admin/cases/{reference}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "End a stuck case",
      description = "An application (EXP-...) still in review or a license (LIC-...) that is not expired: its processes "
          + "end, it shows status CANCELLED with the reason (20-2000 characters), the applicant is emailed, and the "
          + "decision log records who and why. 404 for an unknown reference, 409 for a case that is already over.")
  CancellationView cancel(@PathVariable String reference, @RequestBody CancellationRequest request) {
    return service.cancel(reference, request, CurrentUser.get());
  }
}
