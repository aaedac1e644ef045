package org.exportcontrol.application;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The body of {@code POST /api/applications/{id}/responses}: the applicant's answer to an open request. */
public record ResponseRequest(
    String requestId,
    @Schema(minLength = 1, maxLength = 4000) String message,
    @Schema(nullable = true) ApplicationRequest.EndUseCertificate endUseCertificate,
    @Schema(nullable = true, description = "documents attached to the application beforehand "
        + "(POST /api/applications/{id}/documents) that belong to this answer") List<String> documentIds) {}
