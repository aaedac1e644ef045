package org.exportcontrol.application;

/** What a declared purpose is about. */
public enum PurposeKind {
  TERRORIST_ACT, SERIOUS_CRIME
}
