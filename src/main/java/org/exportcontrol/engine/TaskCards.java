package org.exportcontrol.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What tells one case from another on a Tasklist task card: the variables each group filter shows,
 * with their column labels. Copied onto the tasks as task-local variables, because candidates may
 * read a task's own variables but not the process instance's.
 */
public final class TaskCards {

  /** Variable name → column label, in the order the cards show them. */
  public static final Map<String, String> COLUMNS;

  static {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("reference", "Reference");
    columns.put("productName", "Product");
    columns.put("endUserCountry", "Country");
    columns.put("exporterName", "Exporter");
    COLUMNS = java.util.Collections.unmodifiableMap(columns);
  }

  private TaskCards() {}
}
