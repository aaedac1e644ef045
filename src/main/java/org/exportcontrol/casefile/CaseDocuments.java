package org.exportcontrol.casefile;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The documents of a case, for its case file. A port: the feature that stores documents (table
 * {@code document}, issue 16 item 14) answers it with a Spring bean; until one exists the case file says
 * "No documents". An implementation answers every document of the application, its license and the
 * license's misuse reports, oldest first, whoever attached them.
 */
public interface CaseDocuments {

  List<CaseDocument> of(CaseKeys keys);

  /** What identifies a case: the application, its license (or null) and the reports on that license. */
  record CaseKeys(String applicationId, String applicationReference, String licenseNumber,
      List<String> reportReferences) {}

  /**
   * One stored document.
   *
   * @param kind END_USE_CERTIFICATE, TECHNICAL_SPECIFICATION, SHUTDOWN_EVIDENCE, OTHER, ...
   * @param attachedTo the reference it was attached to (EXP-..., LIC-..., MR-...)
   * @param downloadPath the path that downloads it (e.g. /api/applications/{id}/documents/{documentId})
   */
  record CaseDocument(String documentId, String kind, String fileName, String contentType, long size,
      String sha256, String attachedTo, OffsetDateTime attachedAt, String attachedBy, String downloadPath) {}
}
