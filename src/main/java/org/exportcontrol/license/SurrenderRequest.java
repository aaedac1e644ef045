package org.exportcontrol.license;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/licenses/{number}/surrender}. */
public record SurrenderRequest(
    @Schema(minLength = 1, maxLength = 2000, description = "why the holder gives the license up") String reason) {}
