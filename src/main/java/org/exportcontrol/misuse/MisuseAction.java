package org.exportcontrol.misuse;

/** What the licensing officer does about a substantiated report. */
public enum MisuseAction {
  WARN, SUSPEND, REVOKE
}
