package org.exportcontrol.statistics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Working days: every day but Saturday, Sunday and the agency's holidays. A period from one date to a
 * later one lasts the working days after the first up to and including the last, so a case decided
 * on the day it was submitted took 0 working days, and one submitted on a Friday and decided on the
 * next Monday took 1. The clock stops on the days a question to the applicant was open: a question
 * asked on one date and answered on a later one takes the working days after the asking up to and
 * including the answer out of the period (overlapping questions count once).
 */
public final class WorkingDays {

  /** A question to the applicant: asked on one date, answered (or closed) on another. */
  public record Stop(LocalDate from, LocalDate to) {}

  private final Set<LocalDate> holidays;

  public WorkingDays(Collection<LocalDate> holidays) {
    this.holidays = Set.copyOf(holidays);
  }

  public boolean isWorkingDay(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
        && !holidays.contains(day);
  }

  /** The working days after {@code from} up to and including {@code to}; 0 when {@code to} is not later. */
  public int between(LocalDate from, LocalDate to) {
    return between(from, to, List.of());
  }

  /** As {@link #between(LocalDate, LocalDate)}, without the working days on which one of the stops was open. */
  public int between(LocalDate from, LocalDate to, Collection<Stop> stops) {
    int days = 0;
    for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
      if (isWorkingDay(day) && !stopped(day, stops)) {
        days++;
      }
    }
    return days;
  }

  private static boolean stopped(LocalDate day, Collection<Stop> stops) {
    for (Stop stop : stops) {
      if (day.isAfter(stop.from()) && !day.isAfter(stop.to())) {
        return true;
      }
    }
    return false;
  }
}
