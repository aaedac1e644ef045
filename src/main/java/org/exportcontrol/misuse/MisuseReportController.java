package org.exportcontrol.misuse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.exportcontrol.api.FieldViolation;
import org.exportcontrol.api.InvalidRequestException;
import org.exportcontrol.identity.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Misuse reports: compliance officers file them, staff read them. */
@RestController
@RequestMapping(path = "/api/misuse-reports", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Misuse reports", description = "Reports that a licensed system was used against its end-use certificate")
class MisuseReportController {

  private final MisuseReportService service;

  MisuseReportController(MisuseReportService service) {
    this.service = service;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "File a misuse report", description = "Starts the triage. An unknown license number is 400.")
  ResponseEntity<MisuseReportView> report(@RequestBody MisuseReportRequest request) {
    MisuseReportView view = service.report(request, CurrentUser.get());
    return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
        .buildAndExpand(view.id()).toUri()).body(view);
  }

  @GetMapping
  @Operation(summary = "A license's misuse reports",
      description = "Every report on the license, oldest first (an unknown number has none). licenseNumber is required.")
  List<MisuseReportView> ofLicense(@RequestParam(required = false) String licenseNumber) {
    if (licenseNumber == null || licenseNumber.isBlank()) {
      throw new InvalidRequestException(List.of(new FieldViolation("licenseNumber", "is required")));
    }
    return service.ofLicense(licenseNumber);
  }

  @GetMapping("/{id}")
  @Operation(summary = "One misuse report")
  MisuseReportView get(@PathVariable String id) {
    return service.get(id);
  }
}
