package org.exportcontrol.wording;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What people read instead of what the system stores: codes as their labels, countries by name,
 * dates and times in the agency's time zone ({@code exportcontrol.time-zone}, default
 * {@code Europe/London}), users by name. Used by the forms' display variables and by the emails;
 * never by anything a rule or a client reads, which keep the codes.
 */
@Component
public class Wording {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);

  private final ZoneId zone;
  private final IdentityService identity;

  public Wording(@Value("${exportcontrol.time-zone:Europe/London}") String zone, @Lazy IdentityService identity) {
    this.zone = ZoneId.of(zone);
    this.identity = identity;
  }

  public ZoneId zone() {
    return zone;
  }

  /** {@code LAW_ENFORCEMENT} → "Law enforcement"; null stays null. */
  public String label(Object code) {
    return code == null ? null : Labels.of(String.valueOf(code));
  }

  /** Several codes, comma-separated or a collection, each as its label on its own line. */
  public String labels(Object codes) {
    Stream<String> each = codes instanceof Collection<?> c ? c.stream().map(String::valueOf)
        : codes == null ? Stream.empty() : Arrays.stream(String.valueOf(codes).split(","));
    return each.map(String::trim).filter(s -> !s.isEmpty()).map(Labels::of).collect(Collectors.joining("\n"));
  }

  /** {@code DE} → "Germany"; an unknown code stays as it is. */
  public String country(Object code) {
    if (code == null) {
      return null;
    }
    String iso = String.valueOf(code);
    String name = iso.length() == 2 ? new Locale("", iso).getDisplayCountry(Locale.UK) : "";
    return name.isEmpty() || name.equals(iso) ? iso : name;
  }

  /** A moment in the agency's time zone: "4 December 2026, 03:49 (London time)". Unparseable text stays as it is. */
  public String dateTime(Object value) {
    ZonedDateTime at = moment(value);
    if (at == null) {
      return value == null ? null : String.valueOf(value);
    }
    return TIME.format(at) + " (" + zoneName() + ")";
  }

  /** A day: "15 January 2026"; a moment is taken in the agency's time zone. */
  public String date(Object value) {
    if (value instanceof LocalDate d) {
      return DATE.format(d);
    }
    if (value instanceof String s && s.length() == 10) {
      try {
        return DATE.format(LocalDate.parse(s));
      } catch (DateTimeParseException notADate) {
        return s;
      }
    }
    ZonedDateTime at = moment(value);
    return at == null ? value == null ? null : String.valueOf(value) : DATE.format(at);
  }

  /** A user's full name, "Olivia Officer"; the system for {@code system}; the id when the user is unknown. */
  public String name(Object userId) {
    if (userId == null) {
      return null;
    }
    String id = String.valueOf(userId);
    if ("system".equals(id) || "screening".equals(id)) {
      return "the system (automatically)";
    }
    User user = withoutAuthorizationChecks(() -> identity.createUserQuery().userId(id).singleResult());
    if (user == null) {
      return id;
    }
    String name = Stream.of(user.getFirstName(), user.getLastName()).filter(s -> s != null && !s.isBlank())
        .collect(Collectors.joining(" "));
    return name.isEmpty() ? id : name;
  }

  /** "London time", from the zone's id. */
  String zoneName() {
    String id = zone.getId();
    if (id.equals("Z") || id.equals("UTC") || id.equals("GMT")) {
      return "UTC";
    }
    return id.substring(id.lastIndexOf('/') + 1).replace('_', ' ') + " time";
  }

  private ZonedDateTime moment(Object value) {
    if (value instanceof Date d) {
      return d.toInstant().atZone(zone);
    }
    if (value instanceof Instant i) {
      return i.atZone(zone);
    }
    if (value instanceof OffsetDateTime o) {
      return o.atZoneSameInstant(zone);
    }
    if (value instanceof ZonedDateTime z) {
      return z.withZoneSameInstant(zone);
    }
    if (value instanceof String s && s.length() > 10) {
      try {
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, ZonedDateTime::from,
            java.time.LocalDateTime::from);
        return parsed instanceof ZonedDateTime z ? z.withZoneSameInstant(zone)
            : ((java.time.LocalDateTime) parsed).atZone(zone);
      } catch (DateTimeParseException notAMoment) {
        return null;
      }
    }
    return null;
  }

  /**
   * Names are shown to whoever may see the task or gets the email; reading them must not depend on
   * the reader's right to browse the user directory (a task listener runs as the completing user).
   */
  private static <T> T withoutAuthorizationChecks(java.util.function.Supplier<T> read) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      return read.get();
    }
    boolean was = context.isAuthorizationCheckEnabled();
    context.disableAuthorizationCheck();
    try {
      return read.get();
    } finally {
      if (was) {
        context.enableAuthorizationCheck();
      }
    }
  }
}
