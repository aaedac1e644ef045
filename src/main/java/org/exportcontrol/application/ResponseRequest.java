package org.exportcontrol.application;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/applications/{id}/responses}: the applicant's answer to an open request. */
public record ResponseRequest(
    String requestId,
    @Schema(minLength = 1, maxLength = 4000) String message,
    @Schema(nullable = true) ApplicationRequest.EndUseCertificate endUseCertificate) {}
