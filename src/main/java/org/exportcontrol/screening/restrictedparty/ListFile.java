package org.exportcontrol.screening.restrictedparty;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.exportcontrol.api.FieldViolation;
import org.exportcontrol.api.InvalidRequestException;
import org.exportcontrol.api.Violations;

/**
 * Reads one restricted-party list file: CSV (RFC 4180: commas, fields in double quotes when they hold
 * commas, quotes or line breaks, a quote doubled inside), UTF-8, a header row naming the columns
 * {@code source, entry_id, name, alt_names, country, listed_on, reason} in any order. Every row of one
 * file belongs to the same source. The first fault refuses the whole file with its line and column
 * ({@code file}, "line 7, column country: ...").
 */
public final class ListFile {

  public static final List<String> COLUMNS = List.of("source", "entry_id", "name", "alt_names", "country", "listed_on", "reason");
  static final int MAX_ENTRIES = 200_000;
  private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private ListFile() {}

  /** The entries of the file, in file order; refuses the file with 400 at its first fault. */
  public static List<ListEntry> read(Reader reader) throws IOException {
    BufferedReader in = new BufferedReader(reader);
    Row header = nextRow(in, 0);
    if (header == null) {
      throw fault(1, null, "the file is empty: a header row naming the columns " + String.join(", ", COLUMNS) + " is required");
    }
    int[] at = new int[COLUMNS.size()];
    List<String> names = header.fields.stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList();
    if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
      names = new ArrayList<>(names);
      names.set(0, names.get(0).substring(1));
    }
    for (int c = 0; c < COLUMNS.size(); c++) {
      at[c] = names.indexOf(COLUMNS.get(c));
      if (at[c] < 0) {
        throw fault(1, COLUMNS.get(c), "the header has no column " + COLUMNS.get(c));
      }
    }
    List<ListEntry> entries = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    String source = null;
    Row row;
    int line = header.endLine;
    while ((row = nextRow(in, line)) != null) {
      line = row.endLine;
      if (row.fields.size() == 1 && row.fields.get(0).isBlank()) {
        continue;
      }
      if (row.fields.size() != names.size()) {
        throw fault(row.line, null, "has " + row.fields.size() + " columns, the header " + names.size());
      }
      String rowSource = text(row, "source", row.fields.get(at[0]), 64, true);
      if (!SOURCE.matcher(rowSource).matches()) {
        throw fault(row.line, "source", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
      }
      if (source == null) {
        source = rowSource;
      } else if (!source.equals(rowSource)) {
        throw fault(row.line, "source", "must be the same in every row (" + source + "): one file is one list");
      }
      String entryId = text(row, "entry_id", row.fields.get(at[1]), 100, true);
      if (!ids.add(entryId)) {
        throw fault(row.line, "entry_id", "repeats an earlier row's entry_id " + entryId);
      }
      String name = text(row, "name", row.fields.get(at[2]), 500, true);
      if (NameNormaliser.tokens(name).isEmpty()) {
        throw fault(row.line, "name", "must hold letters or digits");
      }
      String altText = text(row, "alt_names", row.fields.get(at[3]), 4000, false);
      List<String> alts = altText == null ? List.of()
          : Arrays.stream(altText.split(";")).map(String::strip).filter(a -> !a.isEmpty()).toList();
      String country = text(row, "country", row.fields.get(at[4]), 2, false);
      if (country != null && (!COUNTRY.matcher(country).matches() || !COUNTRIES.contains(country))) {
        throw fault(row.line, "country", "must be an ISO 3166-1 alpha-2 code in capitals, or empty");
      }
      String listedText = text(row, "listed_on", row.fields.get(at[5]), 10, true);
      LocalDate listedOn;
      try {
        listedOn = LocalDate.parse(listedText);
      } catch (DateTimeParseException e) {
        throw fault(row.line, "listed_on", "must be an ISO date (YYYY-MM-DD)");
      }
      String reason = text(row, "reason", row.fields.get(at[6]), 2000, false);
      entries.add(new ListEntry(source, entryId, name.strip(), alts, country, listedOn, reason));
      if (entries.size() > MAX_ENTRIES) {
        throw fault(row.line, null, "a list holds at most " + MAX_ENTRIES + " entries");
      }
    }
    if (entries.isEmpty()) {
      throw fault(line + 1, null, "the file has no entries: a list is replaced by a file of its entries");
    }
    return entries;
  }

  private static String text(Row row, String column, String value, int max, boolean required) {
    String v = value.strip();
    if (v.isEmpty()) {
      if (required) {
        throw fault(row.line, column, "is required");
      }
      return null;
    }
    if (v.length() > max) {
      throw fault(row.line, column, "must be at most " + max + " characters long");
    }
    if (!Violations.storable(v)) {
      throw fault(row.line, column, "must be Unicode text without the character U+0000");
    }
    return v;
  }

  static InvalidRequestException fault(int line, String column, String message) {
    return new InvalidRequestException(List.of(new FieldViolation("file",
        "line " + line + (column == null ? "" : ", column " + column) + ": " + message)));
  }

  private record Row(int line, int endLine, List<String> fields) {}

  /** The next record, which may span lines inside quotes; null at the end. */
  private static Row nextRow(BufferedReader in, int lineBefore) throws IOException {
    String text = in.readLine();
    if (text == null) {
      return null;
    }
    int start = lineBefore + 1;
    int line = start;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (true) {
      if (i >= text.length()) {
        if (quoted) {
          String more = in.readLine();
          if (more == null) {
            throw fault(start, null, "a quoted field is not closed");
          }
          field.append('\n');
          text = more;
          i = 0;
          line++;
          continue;
        }
        fields.add(field.toString());
        return new Row(start, line, fields);
      }
      char c = text.charAt(i++);
      if (quoted) {
        if (c == '"') {
          if (i < text.length() && text.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank()) {
        field.setLength(0);
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
  }
}
