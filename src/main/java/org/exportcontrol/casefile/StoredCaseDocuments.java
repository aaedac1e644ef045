package org.exportcontrol.casefile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.exportcontrol.document.DocumentCase;
import org.exportcontrol.document.DocumentView;
import org.exportcontrol.document.Documents;
import org.springframework.stereotype.Component;

/**
 * The case file's documents from the {@code document} table: the application's and its license's,
 * oldest first, each with the path that downloads it (the webapp session may use it, ADR 0027).
 */
@Component
class StoredCaseDocuments implements CaseDocuments {

  private final Documents documents;

  StoredCaseDocuments(Documents documents) {
    this.documents = documents;
  }

  @Override
  public List<CaseDocument> of(CaseKeys keys) {
    List<CaseDocument> all = new ArrayList<>();
    add(all, DocumentCase.application(keys.applicationId(), keys.applicationReference()), keys.applicationReference());
    if (keys.licenseNumber() != null) {
      add(all, DocumentCase.license(keys.licenseNumber()), keys.licenseNumber());
    }
    all.sort(Comparator.comparing(CaseDocument::attachedAt));
    return all;
  }

  private void add(List<CaseDocument> all, DocumentCase c, String attachedTo) {
    for (DocumentView d : documents.of(c)) {
      all.add(new CaseDocument(d.documentId(), d.kind().name(), d.fileName(), d.contentType(), d.size(), d.sha256(),
          attachedTo, d.uploadedAt(), d.uploadedBy(), c.downloadPath(d.documentId())));
    }
  }
}
