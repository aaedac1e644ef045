package org.exportcontrol.statistics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /dashboard}: the agency's figures for staff, on the webapps' session login (like the case
 * file): the backlog by step, overdue work by group, this year's decision times against the 20- and
 * 60-working-day targets, and this year's transparency figures so far, all as SVG drawn here.
 */
@Controller
class DashboardController {

  /** The UK's service targets: 70 % of decisions within 20 working days, 99 % within 60. */
  static final double TARGET_SHARE_20 = 0.70;
  static final double TARGET_SHARE_60 = 0.99;

  private final OperationsFigures operations;
  private final TransparencyFigures transparency;
  private final Clock clock;
  private final ZoneId zone;

  DashboardController(OperationsFigures operations, TransparencyFigures transparency, Clock clock, ZoneId zone) {
    this.operations = operations;
    this.transparency = transparency;
    this.clock = clock;
    this.zone = zone;
  }

  @GetMapping(path = "/dashboard", produces = MediaType.TEXT_HTML_VALUE)
  String dashboard(Model model) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    OperationsFigures.Operations figures = operations.operations(today.withDayOfYear(1), today);
    TransparencyReport year = transparency.report(today.getYear());
    OperationsFigures.Decisions decisions = figures.decisions();

    model.addAttribute("today", today.toString());
    model.addAttribute("year", today.getYear());
    model.addAttribute("openCases", figures.openCases().total());
    model.addAttribute("overdueTasks", figures.overdueTasks().total());
    model.addAttribute("decisions", decisions);
    model.addAttribute("median", days(decisions.medianWorkingDays()));
    model.addAttribute("p90", days(decisions.p90WorkingDays()));
    model.addAttribute("within20", share(decisions.shareWithin20WorkingDays(), TARGET_SHARE_20));
    model.addAttribute("within60", share(decisions.shareWithin60WorkingDays(), TARGET_SHARE_60));
    model.addAttribute("backlog", BarChart.of("Open cases by current step", entries(figures.openCases().byStep())));
    model.addAttribute("byStatus", BarChart.of("Open applications by status", entries(figures.openCases().byStatus())));
    model.addAttribute("overdue", BarChart.of("Overdue tasks by group", entries(figures.overdueTasks().byGroup())));
    model.addAttribute("distribution", BarChart.of("Decisions this year by working days (targets: 20 and 60)",
        distribution(decisions.distribution())));
    List<BarChart.Entry> steps = new ArrayList<>();
    figures.timePerStep().forEach((step, time) -> steps.add(new BarChart.Entry(step, time.medianWorkingDays(),
        days(time.medianWorkingDays()) + " (90 %: " + days(time.p90WorkingDays()) + ", " + time.completed() + " done)", "plain")));
    model.addAttribute("steps", BarChart.of("Median working days per step, this year", steps));
    List<BarChart.Entry> glance = new ArrayList<>();
    year.sections().forEach(s -> glance.add(BarChart.Entry.of(Labels.section(s.name()),
        s.total().measures().get(TransparencyFigures.COUNT).doubleValue())));
    model.addAttribute("transparency", BarChart.of("Transparency figures " + today.getYear() + " so far", glance));
    return "statistics/dashboard";
  }

  private static List<BarChart.Entry> entries(Map<String, Long> values) {
    List<BarChart.Entry> entries = new ArrayList<>();
    values.forEach((label, value) -> entries.add(BarChart.Entry.of(label, value)));
    return entries;
  }

  /** Buckets up to 20 working days green, up to 60 amber, beyond red. */
  private static List<BarChart.Entry> distribution(List<OperationsFigures.Bucket> buckets) {
    List<BarChart.Entry> entries = new ArrayList<>();
    for (OperationsFigures.Bucket b : buckets) {
      String upper = b.workingDays().replaceAll(".*[- ]", "");
      int bound = Integer.parseInt(upper);
      String tone = b.workingDays().startsWith("over") ? "late"
          : bound <= OperationsFigures.TARGET_DAYS ? "good" : bound <= OperationsFigures.OUTER_TARGET_DAYS ? "slow" : "late";
      entries.add(new BarChart.Entry(b.workingDays() + " working days", (double) b.decisions(),
          Integer.toString(b.decisions()), tone));
    }
    return entries;
  }

  private static String days(Double value) {
    return value == null ? "–" : BarChart.format(value);
  }

  /** "85 % (target 70 %)", or a dash without decisions. */
  private static String share(Double value, double target) {
    String goal = String.format(Locale.ROOT, "target %d %%", Math.round(target * 100));
    return value == null ? "– (" + goal + ")" : String.format(Locale.ROOT, "%.0f %% (%s)", value * 100, goal);
  }
}
