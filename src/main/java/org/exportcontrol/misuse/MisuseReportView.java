package org.exportcontrol.misuse;

import java.time.OffsetDateTime;

/** What the misuse report API answers. Public contract. */
public record MisuseReportView(String id, String reference, MisuseReportStatus status, String licenseNumber,
    String category, OffsetDateTime receivedAt, String finding, String action) {}
