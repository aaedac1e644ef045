package org.exportcontrol.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One entry of the decision log as stored.
 *
 * @param details the stored JSON (outcome, rationale, comments, conditions, ...)
 */
public record DecisionLogEntry(long seq, OffsetDateTime at, String actor, List<String> actorGroups, String subject,
    DecisionAction action, JsonNode details, String prevHash, String hash) {

  /** A text field of the details, or null. */
  public String detail(String name) {
    JsonNode value = details.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  public boolean actorIn(String group) {
    return actorGroups.contains(group);
  }
}
