package org.exportcontrol.misuse;

/** How grave a credible report is; CRITICAL suspends the license at once, before the investigation. */
public enum Severity {
  LOW, HIGH, CRITICAL
}
