package org.exportcontrol.application;

/** The kind of cyber-intelligence product. */
public enum ProductCategory {
  INTRUSION_SOFTWARE, INTERCEPTION, NETWORK_SURVEILLANCE, FORENSIC_EXTRACTION, OTHER_CYBER
}
