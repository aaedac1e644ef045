package org.exportcontrol.license;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A license as stored in table {@code license}. */
public record License(String licenseNumber, String applicationId, String status, LocalDate validFrom,
    LocalDate validUntil, String conditions, OffsetDateTime issuedAt) {}
