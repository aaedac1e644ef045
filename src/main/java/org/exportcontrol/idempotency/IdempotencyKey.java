package org.exportcontrol.idempotency;

import java.util.List;

/**
 * The value of an {@code Idempotency-Key} header: 1-255 printable ASCII characters. The IETF draft
 * makes it a Structured Field string ({@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}); the unquoted
 * form many clients send is accepted too and means the same key.
 */
record IdempotencyKey(String value) {

  static final String HEADER = "Idempotency-Key";
  static final int MAX_LENGTH = 255;

  /** @param headers every value of the header in the request (it must be given once) */
  static IdempotencyKey parse(List<String> headers) {
    if (headers.size() != 1) {
      throw new Malformed("must be given once");
    }
    String given = headers.get(0).strip();
    String key = given.startsWith("\"") ? unquote(given) : plain(given);
    if (key.isEmpty()) {
      throw new Malformed("must not be empty");
    }
    if (key.length() > MAX_LENGTH) {
      throw new Malformed("must be at most " + MAX_LENGTH + " characters long");
    }
    if (!key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
      throw new Malformed("must consist of printable ASCII characters");
    }
    return new IdempotencyKey(key);
  }

  /** A Structured Field string: inside the quotes, {@code \"} and {@code \\} are the only escapes. */
  private static String unquote(String quoted) {
    StringBuilder key = new StringBuilder();
    for (int i = 1; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '"') {
        if (i != quoted.length() - 1) {
          throw new Malformed("must end at its closing quote");
        }
        return key.toString();
      }
      if (c == '\\') {
        if (++i == quoted.length() || (quoted.charAt(i) != '"' && quoted.charAt(i) != '\\')) {
          throw new Malformed("may escape only a quote or a backslash with a backslash");
        }
        c = quoted.charAt(i);
      }
      key.append(c);
    }
    throw new Malformed("misses its closing quote");
  }

  /** Unquoted: taken as it is, but a quote or backslash belongs in the quoted form. */
  private static String plain(String value) {
    if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
      throw new Malformed("must be quoted (\"...\") when it contains a quote or a backslash");
    }
    return value;
  }

  /** What is wrong with the header, as the end of a sentence that starts with its name. */
  static final class Malformed extends RuntimeException {

    Malformed(String message) {
      super(message);
    }
  }
}
