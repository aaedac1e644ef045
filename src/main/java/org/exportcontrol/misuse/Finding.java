package org.exportcontrol.misuse;

/** The outcome of the investigation. */
public enum Finding {
  SUBSTANTIATED, UNSUBSTANTIATED
}
