package org.exportcontrol.screening.restrictedparty;

import java.time.LocalDate;

/**
 * A list entry a name matched: the entry's name (not the alternative name that scored), its country
 * (null: any), and the best score over its names, rounded to three decimals; when and why it was listed.
 */
public record PartyMatch(String source, String entryId, String name, String country, double score,
    LocalDate listedOn, String reason) {}
