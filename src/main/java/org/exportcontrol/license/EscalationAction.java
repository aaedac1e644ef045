package org.exportcontrol.license;

/**
 * What the person handling a missed shutdown deadline ({@code escalateShutdown}) decided, with a
 * rationale. Public contract (docs/api.md): values are only ever added. Whichever it is, the exporter
 * has a new deadline and the enforcement goes on until the shutdown is verified.
 */
public enum EscalationAction {
  /** The exporter's management was told the consequences directly and is held to the new deadline. */
  EXPORTER_PRESSED,
  /** The foreign ministry is asked to press the buying state to disconnect the systems. */
  REFERRED_TO_FOREIGN_MINISTRY,
  /** The exporter's breach of the shutdown order is referred to the prosecution service. */
  REFERRED_FOR_PROSECUTION
}
