package org.exportcontrol.screening.restrictedparty;

import java.time.LocalDate;
import java.util.List;

/** One entry of a restricted-party list, as imported: never changed, a new import is a new version. */
public record ListEntry(String source, String entryId, String name, List<String> altNames, String country,
    LocalDate listedOn, String reason) {

  /** The name and every alternative name. */
  List<String> allNames() {
    if (altNames.isEmpty()) {
      return List.of(name);
    }
    List<String> names = new java.util.ArrayList<>(altNames.size() + 1);
    names.add(name);
    names.addAll(altNames);
    return names;
  }
}
