package org.exportcontrol.license;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;

/** The body of {@code POST /api/licenses/{number}/shutdown-confirmation}. */
public record ShutdownConfirmation(
    @Schema(minLength = 1, maxLength = 4000, description = "how the systems were shut down, and the proof") String evidence,
    @Schema(description = "ISO date-time the systems were shut down") OffsetDateTime shutdownAt) {}
