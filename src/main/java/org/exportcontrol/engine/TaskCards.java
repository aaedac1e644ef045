package org.exportcontrol.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What tells one case from another on a Tasklist task card: the variables every filter shows, with
 * their column labels: the case's reference (an application's EXP, a report's MR, a revocation's
 * license number), its subject (the product, and the license once there is one), the end user's
 * country and the exporter. Every process holds them under these names (issue 16). Copied onto the tasks as task-local variables, because candidates may
 * read a task's own variables but not the process instance's.
 */
public final class TaskCards {

  /** Variable name → column label, in the order the cards show them. */
  public static final Map<String, String> COLUMNS;

  static {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("reference", "Reference");
    columns.put("productName", "Product");
    columns.put("licenseNumber", "License");
    columns.put("endUserCountry", "Country");
    columns.put("exporterName", "Exporter");
    COLUMNS = java.util.Collections.unmodifiableMap(columns);
  }

  private TaskCards() {}
}
