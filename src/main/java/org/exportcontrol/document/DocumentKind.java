package org.exportcontrol.document;

/** What a document is. Public contract (docs/api.md): values are only ever added. */
public enum DocumentKind {
  END_USE_CERTIFICATE("End-use certificate"),
  TECHNICAL_SPECIFICATION("Technical specification"),
  SHUTDOWN_EVIDENCE("Shutdown evidence"),
  /** The note to the buying state on a revocation; attached by the foreign-affairs reviewers. */
  DIPLOMATIC_NOTE("Diplomatic note"),
  OTHER("Other document");

  private final String label;

  DocumentKind(String label) {
    this.label = label;
  }

  /** The kind in words, as the forms show it. */
  public String label() {
    return label;
  }
}
