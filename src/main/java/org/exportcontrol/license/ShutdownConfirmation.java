package org.exportcontrol.license;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;

/** The body of {@code POST /api/licenses/{number}/shutdown-confirmation}. */
public record ShutdownConfirmation(
    @Schema(minLength = 1, maxLength = 4000, description = "how the systems were shut down, and the proof") String evidence,
    @Schema(description = "ISO date-time the systems were shut down") OffsetDateTime shutdownAt,
    @Schema(nullable = true, description = "SHUTDOWN_EVIDENCE documents attached beforehand with "
        + "POST /api/licenses/{number}/documents") List<String> documentIds) {}
