package org.exportcontrol.deployment;

import java.util.List;

/**
 * What an administrator asks to move: the running cases of one version of a process to another
 * (by default the latest). Activities with the same id in both versions are mapped; {@code mappings}
 * add or replace the mapping of an activity that was renamed. {@code dryRun} is true unless set false.
 */
public record MigrationRequest(String processDefinitionKey, Integer fromVersion, Integer toVersion, Boolean dryRun,
    List<Mapping> mappings) {

  /** One activity of the source version moved to an activity of the target version. */
  public record Mapping(String from, String to) {}

  public boolean isDryRun() {
    return dryRun == null || dryRun;
  }

  public List<Mapping> mappingsOrNone() {
    return mappings == null ? List.of() : mappings;
  }
}
