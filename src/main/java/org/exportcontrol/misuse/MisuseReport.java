package org.exportcontrol.misuse;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A misuse report as stored in table {@code misuse_report}; {@code evidence} is a JSON list. */
public record MisuseReport(String id, String reference, MisuseReportStatus status, String licenseNumber, String category,
    String source, String summary, String evidence, LocalDate reportedOn, OffsetDateTime receivedAt,
    String receivedBy, Boolean credible, String severity, String finding, String investigationSummary,
    String action, String actionRationale, String processInstanceId) {}
