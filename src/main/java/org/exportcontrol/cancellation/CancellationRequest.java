package org.exportcontrol.cancellation;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/admin/cases/{reference}/cancellation}. */
public record CancellationRequest(
    @Schema(minLength = 20, maxLength = 2000, description = "why the case must end; the applicant reads it") String reason) {}
