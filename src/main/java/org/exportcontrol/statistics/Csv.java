package org.exportcontrol.statistics;

import java.util.List;

/** RFC 4180 lines: a field with a comma, quote or line break is quoted, its quotes doubled. */
final class Csv {

  private Csv() {}

  static String line(List<String> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      String field = fields.get(i) == null ? "" : fields.get(i);
      if (field.matches("(?s).*[,\"\r\n].*")) {
        line.append('"').append(field.replace("\"", "\"\"")).append('"');
      } else {
        line.append(field);
      }
    }
    return line.append("\r\n").toString();
  }
}
