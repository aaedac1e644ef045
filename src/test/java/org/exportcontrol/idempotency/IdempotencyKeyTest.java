package org.exportcontrol.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header's syntax and the request's fingerprint. */
class IdempotencyKeyTest {

  @Test
  void aKeyIsAStructuredFieldStringOrThePlainValue() {
    assertThat(parse("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"")).isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
    assertThat(parse("8e03978e-40d5-43e8-bc93-6894a57f9324")).isEqualTo("8e03978e-40d5-43e8-bc93-6894a57f9324");
    assertThat(parse("  order 42  ")).as("blanks around the value are not part of it").isEqualTo("order 42");
    assertThat(parse("\"say \\\"hi\\\" \\\\ bye\"")).isEqualTo("say \"hi\" \\ bye");
    assertThat(parse("\" spaced \"")).isEqualTo(" spaced ");
    assertThat(parse("x".repeat(255))).hasSize(255);
    assertThat(parse("\"" + "x".repeat(255) + "\"")).hasSize(255);
  }

  @Test
  void aMalformedKeySaysWhatIsWrong() {
    assertMalformed(List.of(), "must be given once");
    assertMalformed(List.of("a", "b"), "must be given once");
    assertMalformed(List.of(""), "must not be empty");
    assertMalformed(List.of("\"\""), "must not be empty");
    assertMalformed(List.of("x".repeat(256)), "must be at most 255 characters long");
    assertMalformed(List.of("ключ"), "must consist of printable ASCII characters");
    assertMalformed(List.of("tab\there"), "must consist of printable ASCII characters");
    assertMalformed(List.of("\"unclosed"), "misses its closing quote");
    assertMalformed(List.of("\"closed\" early"), "must end at its closing quote");
    assertMalformed(List.of("\"a\\b\""), "may escape only a quote or a backslash with a backslash");
    assertMalformed(List.of("half\"quoted"), "must be quoted");
  }

  @Test
  void theFingerprintCoversMethodPathQueryAndEveryByteOfTheBody() {
    byte[] body = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
    RequestFingerprint fingerprint = RequestFingerprint.of("POST", "/api/applications", null, body);
    assertThat(fingerprint.sha256()).hasSize(64).matches("[0-9a-f]+");
    assertThat(RequestFingerprint.of("POST", "/api/applications", null, body.clone())).isEqualTo(fingerprint);
    assertThat(RequestFingerprint.of("POST", "/api/applications", null, "{\"a\": 2}".getBytes(StandardCharsets.UTF_8)))
        .isNotEqualTo(fingerprint);
    assertThat(RequestFingerprint.of("POST", "/api/applications", null, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
        .as("the bytes count, not what they mean").isNotEqualTo(fingerprint);
    assertThat(RequestFingerprint.of("POST", "/api/misuse-reports", null, body)).isNotEqualTo(fingerprint);
    assertThat(RequestFingerprint.of("POST", "/api/applications", "dryRun=true", body)).isNotEqualTo(fingerprint);
    assertThat(RequestFingerprint.of("PUT", "/api/applications", null, body)).isNotEqualTo(fingerprint);
  }

  private static String parse(String header) {
    return IdempotencyKey.parse(List.of(header)).value();
  }

  private static void assertMalformed(List<String> headers, String message) {
    assertThatThrownBy(() -> IdempotencyKey.parse(headers)).as(String.valueOf(headers))
        .isInstanceOf(IdempotencyKey.Malformed.class).hasMessageStartingWith(message);
  }
}
