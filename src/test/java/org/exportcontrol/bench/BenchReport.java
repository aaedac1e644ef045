package org.exportcontrol.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's one table: figure, value, goal, ratio; printed and written as JSON and Markdown. */
final class BenchReport {

  record Row(String figure, double value, String unit, String goal, String ratio) {}

  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Object> context = new LinkedHashMap<>();

  void context(String key, Object value) {
    context.put(key, value);
  }

  void add(String figure, double value, String unit, String goal) {
    rows.add(new Row(figure, value, unit, goal, ""));
  }

  void add(String figure, double value, String unit, String goal, String ratio) {
    rows.add(new Row(figure, value, unit, goal, ratio));
  }

  void latencies(String figure, Latencies latencies, String goalP95) {
    add(figure + " p50", latencies.percentile(50), "ms", "");
    add(figure + " p95", latencies.percentile(95), "ms", goalP95);
    add(figure + " p99", latencies.percentile(99), "ms", "");
  }

  String markdown() {
    StringBuilder md = new StringBuilder("| figure | value | goal | ratio |\n|---|---:|---|---|\n");
    for (Row row : rows) {
      md.append("| ").append(row.figure()).append(" | ").append(format(row.value())).append(' ').append(row.unit())
          .append(" | ").append(row.goal()).append(" | ").append(row.ratio()).append(" |\n");
    }
    return md.toString();
  }

  void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    Map<String, Object> json = new LinkedHashMap<>(context);
    json.put("rows", rows);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve("results.json").toFile(), json);
    StringBuilder md = new StringBuilder("# Benchmark results\n\n");
    context.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append('\n').append(markdown());
    Files.writeString(directory.resolve("results.md"), md);
  }

  private static String format(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
  }
}
