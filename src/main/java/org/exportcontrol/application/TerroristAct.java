package org.exportcontrol.application;

/** The closed list of terrorist acts a product may be declared to prevent or investigate. */
public enum TerroristAct {
  ATTACK_ON_PERSONS, HOSTAGE_TAKING, ATTACK_ON_PUBLIC_FACILITIES, ATTACK_ON_CRITICAL_INFRASTRUCTURE, SEIZURE_OF_AIRCRAFT_OR_VESSEL, RELEASE_OF_DANGEROUS_SUBSTANCES
}
