package org.exportcontrol.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The decision log's integrity, for administrators and compliance officers (see the security configuration). */
@RestController
@RequestMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit", description = "The hash-chained decision log")
class AuditController {

  private final DecisionLog decisionLog;

  AuditController(DecisionLog decisionLog) {
    this.decisionLog = decisionLog;
  }

  @GetMapping("/verify")
  @Operation(summary = "Recompute the whole chain",
      description = "valid: false names the first entry that does not match (firstBrokenSeq).")
  DecisionLog.Verification verify() {
    return decisionLog.verify();
  }

  @GetMapping("/head")
  @Operation(summary = "The newest entry's number and hash",
      description = "Publish it (for example daily): a later log that does not contain it was cut short.")
  DecisionLog.Head head() {
    return decisionLog.head();
  }
}
