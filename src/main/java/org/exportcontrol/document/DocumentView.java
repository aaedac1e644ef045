package org.exportcontrol.document;

import java.time.OffsetDateTime;

/**
 * A stored document as the API shows it: the answer of an upload and an entry of the {@code documents}
 * list of the application and license views. Public contract. The content is downloaded separately.
 */
public record DocumentView(
    String documentId,
    DocumentKind kind,
    String fileName,
    String contentType,
    long size,
    String sha256,
    OffsetDateTime uploadedAt,
    String uploadedBy) {}
