package org.exportcontrol.misuse;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/** The body of {@code POST /api/misuse-reports}. */
public record MisuseReportRequest(
    String licenseNumber,
    @Schema(allowableValues = {"POLITICAL_TARGETING", "JOURNALIST_OR_ACTIVIST_TARGETING", "PRIVACY_LAW_VIOLATION",
        "USE_OUTSIDE_DECLARED_PURPOSES", "UNAUTHORIZED_TRANSFER", "OTHER", "RESTRICTED_PARTY_LISTED"}) String category,
    @Schema(minLength = 1, maxLength = 200, description = "who reported it") String source,
    @Schema(minLength = 1, maxLength = 4000) String summary,
    @Schema(maxLength = 20, nullable = true) List<String> evidence,
    @Schema(nullable = true) LocalDate reportedOn) {}
