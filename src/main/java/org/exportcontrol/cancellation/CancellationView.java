package org.exportcontrol.cancellation;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The answer of a cancellation.
 *
 * @param endedProcessInstances the process instances that were running and are now ended
 */
public record CancellationView(String reference, String status, String reason, OffsetDateTime cancelledAt,
    String cancelledBy, List<String> endedProcessInstances) {}
