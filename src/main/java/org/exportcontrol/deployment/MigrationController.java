package org.exportcontrol.deployment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Running cases moved to a changed diagram (ADR 0034); /api/admin/** is for camunda-admin only. */
@RestController
@Tag(name = "Administration")
class MigrationController {

  private final CaseMigrations migrations;

  MigrationController(CaseMigrations migrations) {
    this.migrations = migrations;
  }

  @PostMapping(path = "/api/admin/migrations", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Plan or start the migration of running cases to another version of their process",
      description = "Maps activities with equal ids plus the given mappings and lets the engine validate the plan "
          + "(400 naming the field otherwise). Answers how many cases would move, by the activity each waits in, "
          + "and every case that cannot move with the engine's reasons. dryRun (default true) changes nothing; "
          + "with dryRun false the movable cases are migrated in a Camunda batch (202 with batchId), recorded in "
          + "the decision log as CASES_MIGRATED; the others stay untouched. 409 when no case can move.")
  ResponseEntity<MigrationReport> migrate(@RequestBody MigrationRequest request) {
    MigrationReport report = migrations.migrate(request);
    return ResponseEntity.status(report.dryRun() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(report);
  }

  @GetMapping(path = "/api/admin/migrations/{batchId}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Progress and failures of a migration batch",
      description = "status RUNNING, FAILED (a job failed for good: an incident in Cockpit) or COMPLETED; 404 for an "
          + "id that is not a migration batch.")
  MigrationProgress progress(@PathVariable String batchId) {
    return migrations.progress(batchId);
  }
}
