package org.exportcontrol.deployment;

import java.util.List;
import java.util.Map;

/**
 * The answer to a migration request: which cases would move (or were handed to the batch), counted
 * by the activity each waits in, and each case that cannot move with the engine's reasons.
 * {@code batchId} is null for a dry run.
 */
public record MigrationReport(String processDefinitionKey, int fromVersion, int toVersion, boolean dryRun,
    List<MigrationRequest.Mapping> mappings, int instances, int migratable, Map<String, Integer> waitingIn,
    List<Unmigratable> notMigratable, String batchId) {

  /** A case that would stay on its version, with the engine's reasons. */
  public record Unmigratable(String processInstanceId, String businessKey, List<String> reasons) {}
}
