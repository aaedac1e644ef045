package org.exportcontrol.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Collects every bad field of a request before anything is stored, so one answer names them all.
 * Enum values arrive as strings and are checked here, so that an unknown value is reported with the
 * other errors instead of stopping the JSON parser at the first one.
 */
public class Violations {

  /** What the amount's column, numeric(19, 2), holds. */
  public static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999999999999.99");

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private final List<FieldViolation> found = new ArrayList<>();

  public void add(String field, String message) {
    found.add(new FieldViolation(field, message));
  }

  public boolean required(String field, Object value) {
    if (value == null) {
      add(field, "is required");
      return false;
    }
    return true;
  }

  /**
   * A required text of min..max characters (after trimming blanks at both ends it must not be empty).
   * A character is a UTF-16 unit, as in JSON's escapes, so an emoji counts two. U+0000 and halves of
   * surrogate pairs are refused: PostgreSQL cannot store the first, and the second would be stored
   * as '?', so what the agency keeps would differ from what was sent.
   */
  public void text(String field, String value, int min, int max) {
    if (min > 0 && !required(field, value)) {
      return;
    }
    if (value == null) {
      return;
    }
    if (min > 0 && value.isBlank()) {
      add(field, "must not be blank");
    } else if (value.length() < min || value.length() > max) {
      add(field, "must be " + min + " to " + max + " characters long");
    } else if (!storable(value)) {
      add(field, "must be Unicode text without the character U+0000");
    }
  }

  /** Whether the text is valid Unicode without U+0000 (see {@link #text}). */
  public static boolean storable(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        return false;
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  public <E extends Enum<E>> void oneOf(String field, String value, Class<E> type) {
    if (!required(field, value)) {
      return;
    }
    if (Arrays.stream(type.getEnumConstants()).noneMatch(e -> e.name().equals(value))) {
      add(field, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
          .collect(Collectors.joining(", ")));
    }
  }

  public void country(String field, String value) {
    if (required(field, value) && !COUNTRIES.contains(value)) {
      add(field, "must be an ISO 3166-1 alpha-2 country code, such as DE");
    }
  }

  /** An optional amount of money: not negative, at most 17 digits before the decimal point and 2 after it. */
  public void amount(String field, BigDecimal value) {
    if (value == null) {
      return;
    }
    if (value.signum() < 0) {
      add(field, "must not be negative");
    } else if (value.compareTo(MAX_AMOUNT) > 0 || value.stripTrailingZeros().scale() > 2) {
      add(field, "must be at most " + MAX_AMOUNT.toPlainString() + ", with at most 2 decimals");
    }
  }

  public void integer(String field, Integer value, int min, int max) {
    if (required(field, value) && (value < min || value > max)) {
      add(field, "must be between " + min + " and " + max);
    }
  }

  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidRequestException(found);
    }
  }
}
