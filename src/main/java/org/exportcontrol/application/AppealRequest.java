package org.exportcontrol.application;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/applications/{id}/appeal}: why the refusal should be overturned. */
public record AppealRequest(
    @Schema(minLength = 20, maxLength = 8000, description = "the applicant's grounds of appeal") String grounds) {}
