package org.exportcontrol.license;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.exportcontrol.audit.HistoryEntry;
import org.exportcontrol.identity.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Licenses: the holder's company and staff read them; the holder confirms an ordered shutdown. */
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
          + "verified, or a confirmation is awaiting verification.")
  LicenseView confirmShutdown(@PathVariable String number, @RequestBody ShutdownConfirmation confirmation) {
    return service.confirmShutdown(number, confirmation, CurrentUser.get());
  }
}
