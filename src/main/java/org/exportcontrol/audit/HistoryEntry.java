package org.exportcontrol.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** One entry of a case's history, as {@code GET /api/applications/{id}/history} and {@code /api/licenses/{number}/history} answer it. */
public record HistoryEntry(long seq, OffsetDateTime at, String actor, DecisionAction action, JsonNode details) {

  public static HistoryEntry of(DecisionLogEntry entry) {
    return new HistoryEntry(entry.seq(), entry.at(), entry.actor(), entry.action(), entry.details());
  }
}
