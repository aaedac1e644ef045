package org.exportcontrol.application;

/** Who will use the product in the buying country. */
public enum EndUserType {
  LAW_ENFORCEMENT, INTELLIGENCE, MILITARY, OTHER_GOVERNMENT, PRIVATE_COMPANY, INDIVIDUAL
}
