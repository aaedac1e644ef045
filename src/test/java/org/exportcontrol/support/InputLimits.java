package org.exportcontrol.support;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;
import org.exportcontrol.api.Violations;

/**
 * Request bodies at and around every documented limit of the API (docs/api.md), generated with
 * jqwik, each with the fields it breaks: lengths at 0, 1, min, max and max + 1, lists of 0, 1, 20
 * and 21 items, dates at the edges of time and of today, amounts at the column's edge, and text
 * from scripts and characters that break naive code (emoji, right-to-left, combining marks, markup,
 * U+0000, halves of surrogate pairs). The oracle is written from docs/api.md; only its definitions of
 * valid Unicode and of the largest amount are the server's own ({@code Violations.storable}, {@code MAX_AMOUNT}).
 */
public final class InputLimits {

  /** A body and the JSON paths a correct server names in its 400; none: it must be accepted. */
  public record Body(String json, Set<String> badFields) {
    public boolean valid() {
      return badFields.isEmpty();
    }

    /** For messages: the body shortened to what a person can read, and what it breaks. */
    public String shortly() {
      return (json.length() > 300 ? json.substring(0, 300) + "..." : json) + " expected bad: " + badFields;
    }
  }

  /** Non-ASCII goes out as \\u escapes, so halves of surrogate pairs reach the server as they are. */
  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII).build();

  private static final List<String> PIECES = List.of("a", "Z", "7", " ", "\n", "\t", "é", "ß", "Ж", "中", "ع", "\u05d0",
      "\u0301", "\u200f", "\u2028", "\ufeff", "<", ">", "&", "\"", "'", "\\", "%", "_", "${x}", "#{x}", "😀", "👩‍💻");

  private static final List<String> HAZARDS = List.of("\u0000", "\ud800", "\udc00");

  private InputLimits() {}

  /** Texts of a field with min..max characters; the second value says whether the field must refuse it. */
  static Arbitrary<Map.Entry<String, Boolean>> text(int min, int max) {
    // mostly inside the limits, so that whole bodies are often valid; the edges often enough to be met
    Arbitrary<Integer> lengths = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(Stream.of(0, 1, min - 1, min, min + 1, max - 1, max, max + 1)
            .filter(n -> n >= 0).distinct().toList())),
        Tuple.of(7, Arbitraries.integers().between(Math.max(min, 1), max)));
    Arbitrary<Boolean> hazard = Arbitraries.integers().between(1, 25).map(n -> n == 1);
    return Combinators.combine(lengths, hazard, Arbitraries.longs()).as((length, withHazard, seed) -> {
      String text = compose(length, withHazard, new Random(seed));
      boolean bad = text.length() < min || text.length() > max || (min > 0 && text.isBlank())
          || !Violations.storable(text);
      return Map.entry(text, bad);
    });
  }

  /** Exactly {@code length} UTF-16 units; a piece that does not fit is replaced by plain letters. */
  private static String compose(int length, boolean withHazard, Random random) {
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      String piece = PIECES.get(random.nextInt(PIECES.size()));
      text.append(text.length() + piece.length() <= length ? piece : "x".repeat(length - text.length()));
    }
    if (withHazard && length > 0) {
      int at = random.nextInt(length);
      if (Character.isLowSurrogate(text.charAt(at)) && at > 0) {
        at--;
      }
      String hazard = HAZARDS.get(random.nextInt(HAZARDS.size()));
      text.replace(at, Math.min(length, at + (Character.isHighSurrogate(text.charAt(at)) ? 2 : 1)), hazard);
      while (text.length() < length) {
        text.append('x');
      }
    }
    return text.toString();
  }

  /** Dates a field that must not lie in the future is given; the second value: whether it is refused. */
  static Arbitrary<Map.Entry<LocalDate, Boolean>> pastDate(LocalDate today) {
    return Arbitraries.of(LocalDate.of(1, 1, 1), LocalDate.of(1970, 1, 1), LocalDate.of(2000, 2, 29),
            today.minusDays(1), today, today.plusDays(1), LocalDate.of(9999, 12, 31))
        .map(date -> Map.entry(date, date.isAfter(today)));
  }

  /** POST /api/applications bodies. */
  public static Arbitrary<Body> applications(LocalDate today) {
    Arbitrary<Map<String, Object>> purpose = Arbitraries.oneOf(
        Arbitraries.of("ATTACK_ON_PERSONS", "HOSTAGE_TAKING", "SEIZURE_OF_AIRCRAFT_OR_VESSEL")
            .map(act -> fields("kind", "TERRORIST_ACT", "act", act)),
        Combinators.combine(text(1, 200), Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.of(0, 1, 99, 100)), Tuple.of(1, Arbitraries.of(-1, 101, Integer.MAX_VALUE))))
            .as((offence, years) -> {
              Map<String, Object> p = fields("kind", "SERIOUS_CRIME", "offence", offence.getKey(), "maxPenaltyYears", years);
              p.put("#bad", (offence.getValue() ? "offence" : "") + (years < 0 || years > 100 ? ",maxPenaltyYears" : ""));
              return p;
            }));
    Arbitrary<List<Map<String, Object>>> purposes = Arbitraries.frequencyOf(
        Tuple.of(4, purpose.list().ofSize(1)), Tuple.of(4, purpose.list().ofMinSize(2).ofMaxSize(4)),
        Tuple.of(2, purpose.list().ofSize(20)), Tuple.of(1, purpose.list().ofSize(21)),
        Tuple.of(1, Arbitraries.just(List.of())));
    Arbitrary<Map<String, Object>> certificate = Combinators.combine(text(1, 200), pastDate(today), Arbitraries.of(true, false))
        .as((signatory, signedOn, acknowledged) -> {
          Map<String, Object> c = fields("signatory", signatory.getKey(), "signedOn", signedOn.getKey().toString(),
              "prohibitedUsesAcknowledged", acknowledged);
          c.put("#bad", (signatory.getValue() ? "signatory" : "") + (signedOn.getValue() ? ",signedOn" : ""));
          return c;
        });
    Arbitrary<BigDecimal> amounts = Arbitraries.of("0", "0.01", "1", "250000.50", "99999999999999999.99",
        "100000000000000000", "-0.01", "0.001", "1E+3").map(BigDecimal::new);
    return Combinators.combine(text(1, 200), text(0, 32), text(0, 4000), text(1, 200), purposes,
            certificate.injectNull(0.3), amounts.injectNull(0.3))
        .as((name, entry, description, endUser, declared, cert, amount) -> {
          Set<String> bad = new TreeSet<>();
          flag(bad, "product.name", name);
          flag(bad, "product.controlEntry", entry);
          flag(bad, "product.description", description);
          flag(bad, "endUser.name", endUser);
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("product", fields("name", name.getKey(), "category", "INTERCEPTION", "controlEntry", entry.getKey(),
              "description", description.getKey(), "remoteShutdownCapable", true));
          body.put("endUser", fields("name", endUser.getKey(), "type", "LAW_ENFORCEMENT", "country", "DE"));
          if (declared.isEmpty() || declared.size() > 20) {
            bad.add("declaredPurposes");
          }
          body.put("declaredPurposes", strip(declared, "declaredPurposes", bad));
          if (cert != null) {
            body.put("endUseCertificate", strip(List.of(cert), "endUseCertificate", bad).get(0));
          }
          if (amount != null) {
            body.put("contractValue", fields("amount", amount, "currency", "EUR"));
            if (amount.signum() < 0 || amount.compareTo(Violations.MAX_AMOUNT) > 0 || amount.stripTrailingZeros().scale() > 2) {
              bad.add("contractValue.amount");
            }
          }
          return new Body(write(body), bad);
        });
  }

  /** POST /api/applications/{id}/responses bodies for the open request {@code requestId}. */
  public static Arbitrary<Body> responses(String requestId, LocalDate today) {
    return Combinators.combine(text(1, 4000), Arbitraries.of(requestId, "", "r".repeat(65)))
        .as((message, id) -> {
          Set<String> bad = new TreeSet<>();
          flag(bad, "message", message);
          if (!id.equals(requestId)) {
            bad.add("requestId");
          }
          return new Body(write(fields("requestId", id, "message", message.getKey())), bad);
        });
  }

  /** POST /api/misuse-reports bodies about the license {@code licenseNumber}. */
  public static Arbitrary<Body> misuseReports(String licenseNumber, LocalDate today) {
    Arbitrary<List<Map.Entry<String, Boolean>>> evidence = Arbitraries.frequencyOf(
        Tuple.of(6, text(1, 2000).list().ofMaxSize(2)), Tuple.of(2, text(1, 2000).list().ofSize(20)),
        Tuple.of(1, text(1, 2000).list().ofSize(21)));
    return Combinators.combine(text(1, 200), text(1, 4000), evidence.injectNull(0.3), pastDate(today).injectNull(0.3),
            Arbitraries.of("POLITICAL_TARGETING", "PRIVACY_LAW_VIOLATION", "UNAUTHORIZED_TRANSFER", "OTHER"))
        .as((source, summary, items, reportedOn, category) -> {
          Set<String> bad = new TreeSet<>();
          flag(bad, "source", source);
          flag(bad, "summary", summary);
          Map<String, Object> body = fields("licenseNumber", licenseNumber, "category", category,
              "source", source.getKey(), "summary", summary.getKey());
          if (items != null) {
            if (items.size() > 20) {
              bad.add("evidence");
            }
            for (int i = 0; i < items.size(); i++) {
              flag(bad, "evidence[" + i + "]", items.get(i));
            }
            body.put("evidence", items.stream().map(Map.Entry::getKey).toList());
          }
          if (reportedOn != null) {
            body.put("reportedOn", reportedOn.getKey().toString());
            if (reportedOn.getValue()) {
              bad.add("reportedOn");
            }
          }
          return new Body(write(body), bad);
        });
  }

  /** POST /api/licenses/{number}/shutdown-confirmation bodies. */
  public static Arbitrary<Body> shutdownConfirmations(Instant now) {
    Arbitrary<Map.Entry<String, Boolean>> at = Arbitraries.of(
        Map.entry("0001-01-01T00:00:00Z", false),
        Map.entry("1970-01-01T00:00:00+14:00", false),
        Map.entry(OffsetDateTime.ofInstant(now.minusSeconds(60), ZoneOffset.ofHours(-12)).toString(), false),
        Map.entry(OffsetDateTime.ofInstant(now.plusSeconds(3600), ZoneOffset.UTC).toString(), true),
        Map.entry("9999-12-31T23:59:59Z", true));
    return Combinators.combine(text(1, 4000), at).as((evidence, shutdownAt) -> {
      Set<String> bad = new TreeSet<>();
      flag(bad, "evidence", evidence);
      if (shutdownAt.getValue()) {
        bad.add("shutdownAt");
      }
      return new Body(write(fields("evidence", evidence.getKey(), "shutdownAt", shutdownAt.getKey())), bad);
    });
  }

  /** POST /api/licenses/{number}/surrender bodies (issue 17): a reason of 1-2000 characters. */
  public static Arbitrary<Body> surrenders() {
    return text(1, 2000).map(reason -> {
      Set<String> bad = new TreeSet<>();
      flag(bad, "reason", reason);
      return new Body(write(fields("reason", reason.getKey())), bad);
    });
  }

  /** {@code count} bodies from a fixed seed (printed by the caller on failure), the arbitrary's edge cases first. */
  public static List<Body> sample(Arbitrary<Body> arbitrary, int count, long seed) {
    List<Body> bodies = new ArrayList<>();
    JqwikSession.start(Long.toString(seed));
    try {
      var edges = arbitrary.edgeCases().iterator();
      while (edges.hasNext() && bodies.size() < count / 3) {
        bodies.add(edges.next().value());
      }
      arbitrary.sampleStream().limit(count - bodies.size()).forEach(bodies::add);
    } finally {
      JqwikSession.finish();
    }
    return bodies;
  }

  private static void flag(Set<String> bad, String field, Map.Entry<String, Boolean> text) {
    if (text.getValue()) {
      bad.add(field);
    }
  }

  /** Takes the "#bad" markers out of generated parts and names their fields under {@code path}. */
  private static List<Map<String, Object>> strip(List<Map<String, Object>> parts, String path, Set<String> bad) {
    List<Map<String, Object>> clean = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      Map<String, Object> part = new LinkedHashMap<>(parts.get(i));
      String marks = (String) part.remove("#bad");
      String prefix = path.equals("declaredPurposes") ? path + "[" + i + "]" : path;
      if (marks != null) {
        Stream.of(marks.split(",")).filter(m -> !m.isEmpty()).forEach(m -> bad.add(prefix + "." + m));
      }
      clean.add(part);
    }
    return clean;
  }

  private static Map<String, Object> fields(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
