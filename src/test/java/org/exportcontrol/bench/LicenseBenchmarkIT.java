package org.exportcontrol.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.support.Await;
import org.exportcontrol.support.Boot;
import org.exportcontrol.support.Folders;
import org.exportcontrol.support.LicenseReviewDriver;
import org.exportcontrol.support.Mailbox;
import org.exportcontrol.support.Postgres;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The benchmark harness (issue 6): B0 the bare engine, B1 the license path as clients drive it over
 * HTTP, B3 revocation latency, B2 the task list at scale, B4 start-up and memory. Sizes come from
 * system properties; the defaults are the smoke size that CI runs, which asserts correctness (every
 * license issued, every email received once), never speed. {@code ./mvnw -Pbench verify} runs the
 * full size; {@code -Dbench.db=postgres} runs it on PostgreSQL. Results: target/bench/.
 */
class LicenseBenchmarkIT {

  static final String DB = System.getProperty("bench.db", "h2");
  static final int N = Integer.getInteger("bench.n", 10);
  static final int WARMUP = Integer.getInteger("bench.warmup", 2);
  static final List<Integer> THREADS = ints(System.getProperty("bench.threads", "2"));
  static final List<Integer> OPEN = ints(System.getProperty("bench.open", "300"));
  static final int REVOCATIONS = Integer.getInteger("bench.revocations", 3);
  static final int QUERIES = Integer.getInteger("bench.queries", 10);
  /**
   * B4's start-ups: {@code none} in the smoke size inside ./mvnw verify (it must stay under 40 s),
   * {@code new} (the fat jar on a new database; CI's second smoke run), {@code all} (also the restart
   * and the image's form; the full size).
   */
  static final String STARTUPS = System.getProperty("bench.startups", "none");
  /** Extra arguments of the application under test (B1-B3), e.g. a history setting to measure. */
  static final List<String> APP_ARGS = Arrays.stream(System.getProperty("bench.appArgs", "").trim().split("\\s+"))
      .filter(arg -> !arg.isEmpty()).toList();

  final BenchReport report = new BenchReport();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  final ObjectMapper json = new ObjectMapper();
  final AtomicInteger retriedCompletions = new AtomicInteger();
  final AtomicInteger loadedCases = new AtomicInteger();
  static final Path H2_DIR = Path.of("target", "bench", "h2");
  /** The H2 databases of this run, without the file suffixes. */
  final List<Path> h2Files = new ArrayList<>();
  String base;

  @Test
  void benchmark() throws Exception {
    report.context("database", DB);
    report.context("cores", Runtime.getRuntime().availableProcessors());
    report.context("max heap (MiB)", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    report.context("java", System.getProperty("java.version"));
    report.context("sizes", "N=" + N + " (+" + WARMUP + " warm-up), threads=" + THREADS + ", open cases=" + OPEN
        + ", revocations=" + REVOCATIONS + ", queries=" + QUERIES);
    if (!APP_ARGS.isEmpty()) {
      report.context("application arguments", String.join(" ", APP_ARGS));
    }

    GreenMail smtp = new GreenMail(ServerSetup.SMTP.dynamicPort());
    smtp.start();
    List<Postgres> databases = new ArrayList<>();
    try {
      Map<Integer, Double> raw = rawEngine(databases);
      List<String> args = new ArrayList<>(datasource(databases, "app"));
      // the only engine in this JVM: /engine-rest finds it under its default name
      args.add("--camunda.bpm.generate-unique-process-engine-name=false");
      args.add("--camunda.bpm.job-execution.enabled=true");
      args.add("--spring.mail.port=" + smtp.getSmtp().getPort());
      args.addAll(APP_ARGS);
      ConfigurableApplicationContext app = Boot.start("demo" + ("postgres".equals(DB) ? ",postgres" : ""),
          args.toArray(new String[0]));
      try {
        base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        List<String> licenses = licensePath(app, smtp, raw);
        int revoked = Math.min(REVOCATIONS, licenses.size());
        revocations(app, licenses.subList(0, revoked), "");
        System.gc();
        report.add("B4 heap used after B1 and B3", heapMiB(), "MiB", "< 512 MiB");
        taskListAtScale(app);
        // the same path once every open case waits on its reminder timers: the job executor has to
        // find the revocation's jobs among them
        revocations(app, licenses.subList(revoked, Math.min(2 * revoked, licenses.size())),
            " at " + OPEN.get(OPEN.size() - 1) + " open cases");
      } finally {
        app.close();
      }
      assertNoSqlErrorsLogged();
      if (!"none".equals(STARTUPS)) {
        startup(databases, smtp);
      }
    } finally {
      smtp.stop();
      for (Postgres db : databases) {
        if (Boolean.getBoolean("bench.keep")) {
          System.out.println("bench.keep: database kept for inspection: " + db.url());
        } else {
          db.close();
        }
      }
      for (Path file : h2Files) {
        if (Boolean.getBoolean("bench.keep")) {
          System.out.println("bench.keep: database kept for inspection: " + file);
        } else {
          // 100,000 open cases leave several GB
          for (String suffix : List.of(".mv.db", ".trace.db", ".lock.db")) {
            Files.deleteIfExists(Path.of(file + suffix));
          }
        }
      }
    }
    System.out.println("\n" + report.markdown());
    report.write(Path.of("target", "bench"));
  }

  /**
   * H2 writes every SQL error, caught or not, to the database's trace file: a mapper that probed
   * column names left tens of MB there. The application's own SQL must not fail on H2.
   */
  private void assertNoSqlErrorsLogged() throws IOException {
    for (Path file : h2Files) {
      Path trace = Path.of(file + ".trace.db");
      if (Files.exists(trace)) {
        try (var lines = Files.lines(trace)) {
          assertThat(lines.filter(l -> l.contains("JdbcSQLSyntaxErrorException")).findFirst()).as("SQL errors in " + trace)
              .isEmpty();
        }
      }
    }
  }

  // ---------------------------------------------------------------- B0

  private Map<Integer, Double> rawEngine(List<Postgres> databases) throws Exception {
    List<String> ds = datasource(databases, "raw");
    Map<Integer, Double> throughput = new HashMap<>();
    try (RawEngineBaseline raw = new RawEngineBaseline(value(ds, "url"), value(ds, "username"), value(ds, "password"))) {
      raw.throughput(WARMUP, 1);
      for (int threads : THREADS) {
        double perSecond = raw.throughput(N, threads);
        throughput.put(threads, perSecond);
        report.add("B0 raw engine, " + threads + " thread(s)", perSecond, "cases/s", "baseline");
      }
    }
    return throughput;
  }

  // ---------------------------------------------------------------- B1

  private List<String> licensePath(ConfigurableApplicationContext app, GreenMail smtp, Map<Integer, Double> raw)
      throws Exception {
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    Channel http = new Http();
    Channel inProcess = new InProcess(app);
    List<String> licenses = new ArrayList<>();
    runClients(WARMUP, 1, steps(), jdbc, licenses, http);
    runClients(WARMUP, 1, steps(), jdbc, licenses, inProcess);
    for (int threads : THREADS) {
      // B1-inproc: the same user actions through the application's services and Camunda's Java API
      Map<String, Long> rowsBefore = rowsPerTable(jdbc);
      long inProcessStart = System.nanoTime();
      runClients(N, threads, steps(), jdbc, licenses, inProcess);
      double inProcessPerSecond = N / ((System.nanoTime() - inProcessStart) / 1e9);
      Map<String, Long> rowsAfter = rowsPerTable(jdbc);
      report.add("B1-inproc license path, " + threads + " thread(s)", inProcessPerSecond, "applications/s",
          "informational", "B1-inproc/B0 " + String.format(java.util.Locale.ROOT, "%.2f", inProcessPerSecond / raw.get(threads)));
      if (threads == THREADS.get(0)) {
        rowsAfter.forEach((table, count) -> {
          long written = count - rowsBefore.getOrDefault(table, 0L);
          if (written != 0) {
            report.add("B1-inproc rows per application in " + table, (double) written / N, "rows", "informational");
          }
        });
      }

      Latencies[] steps = steps();
      long start = System.nanoTime();
      runClients(N, threads, steps, jdbc, licenses, http);
      double perSecond = N / ((System.nanoTime() - start) / 1e9);
      double ratio = perSecond / raw.get(threads);
      report.add("B1 license path, " + threads + " client thread(s)", perSecond, "applications/s", "B1/B0 >= 0.7",
          String.format(java.util.Locale.ROOT, "%.2f", ratio));
      report.add("B1/B1-inproc, " + threads + " thread(s)", perSecond / inProcessPerSecond, "", "B1/B1-inproc >= 0.7");
      String prefix = "B1 (" + threads + "t) ";
      report.latencies(prefix + "submit", steps[0], "");
      report.latencies(prefix + "review (find, claim, complete)", steps[1], "");
      report.latencies(prefix + "decision (find, claim, complete)", steps[2], "");
      report.latencies(prefix + "decision to license and both emails", steps[3], "");
      report.latencies(prefix + "whole application", steps[4], "");
      report.latencies(prefix + "one request: find a task", steps[5], "");
      report.latencies(prefix + "one request: claim", steps[6], "");
      report.latencies(prefix + "one request: complete", steps[7], "");
    }
    report.add("B1 completions repeated after an optimistic-locking conflict", retriedCompletions.get(), "",
        "informational");
    // correctness: every license issued, every email received once
    int applications = 2 * (WARMUP + N * THREADS.size());
    assertThat(licenses).hasSize(applications).doesNotHaveDuplicates();
    Map<String, Long> subjects = Arrays.stream(smtp.getReceivedMessages()).map(Mailbox::subject)
        .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    assertThat(subjects.values()).as("every email received once").allMatch(count -> count == 1);
    assertThat(subjects.keySet().stream().filter(s -> s.contains(": approved, license LIC-"))).hasSize(applications);
    assertThat(subjects.keySet().stream().filter(s -> s.endsWith(": application received"))).hasSize(applications);
    return licenses;
  }

  /**
   * {@code threads} clients take {@code count} applications through submit, reviews and decision; like
   * real clients they do not wait for the emails before the next application. A watcher records when
   * each application's license and both emails exist; the run ends when all of them do.
   */
  private void runClients(int count, int threads, Latencies[] steps, JdbcClient jdbc, List<String> licenses,
      Channel channel) throws Exception {
    Map<String, long[]> pending = new java.util.concurrent.ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    AtomicInteger remaining = new AtomicInteger(count);
    AtomicInteger done = new AtomicInteger();
    List<Future<?>> clients = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      clients.add(pool.submit(() -> {
        while (remaining.getAndDecrement() > 0) {
          long begin = System.nanoTime();
          String[] application = decideOneApplication(steps, channel);
          pending.put(application[0], new long[] {begin, System.nanoTime()});
        }
        return null;
      }));
    }
    // One query for all pending applications every 5 ms: a watcher polling each of them every 2 ms
    // took a sixth of the JVM's CPU from the server it measures (JFR, docs/benchmarks.md).
    Future<?> watcher = pool.submit(() -> {
      while (done.get() < count) {
        if (!pending.isEmpty()) {
          List<String> finished = jdbc.sql("""
                  select business_key from email_message where status = 'SENT' and business_key in (:references)
                  group by business_key having count(*) = 2""")
              .param("references", List.copyOf(pending.keySet())).query(String.class).list();
          long now = System.nanoTime();
          for (String reference : finished) {
            long[] times = pending.remove(reference);
            steps[3].record(now - times[1]);
            steps[4].record(now - times[0]);
            synchronized (licenses) {
              licenses.add(jdbc.sql("""
                  select l.license_number from license l join application a on a.id = l.application_id
                  where a.reference = ?""").param(reference).query(String.class).single());
            }
            done.incrementAndGet();
          }
        }
        Thread.sleep(5);
      }
      return null;
    });
    for (Future<?> client : clients) {
      client.get(60, TimeUnit.MINUTES);
    }
    watcher.get(10, TimeUnit.MINUTES);
    pool.shutdown();
  }

  /**
   * Per-step latencies: submit, review, decision, decision to emails, whole application, and the
   * single requests find, claim and complete.
   */
  private static Latencies[] steps() {
    return java.util.stream.IntStream.range(0, 8).mapToObj(i -> new Latencies()).toArray(Latencies[]::new);
  }

  /** Submit, three reviews, decision; answers {reference, id}. */
  private String[] decideOneApplication(Latencies[] steps, Channel channel) throws Exception {
    long begin = System.nanoTime();
    String[] submitted = channel.submit();
    steps[0].record(System.nanoTime() - begin);
    String reference = submitted[0];
    for (String[] review : new String[][] {{"tech", "technicalReview", "technicalRecommendation"},
        {"legal", "legalReview", "legalRecommendation"}, {"foreign", "foreignAffairsReview", "foreignAffairsRecommendation"}}) {
      long t = System.nanoTime();
      channel.work(steps, review[0], reference, review[1], review[2], "APPROVE");
      steps[1].record(System.nanoTime() - t);
    }
    long decided = System.nanoTime();
    channel.work(steps, "officer", reference, "licensingDecision", "licensingDecision", "APPROVE");
    steps[2].record(System.nanoTime() - decided);
    return submitted;
  }

  /** How the benchmark's users reach the application: over HTTP (B1) or inside its JVM (B1-inproc). */
  private interface Channel {

    /** Submits the demo exporter's application; answers {reference, id}. */
    String[] submit() throws Exception;

    /** Finds the case's task, claims it and completes it with one variable, as the user. */
    void work(Latencies[] steps, String user, String reference, String taskKey, String variable, String value)
        throws Exception;
  }

  /** B1: what the exporter's client and Tasklist send, with HTTP Basic. */
  private final class Http implements Channel {

    @Override
    public String[] submit() throws Exception {
      JsonNode submitted = call("exporter", "POST", "/api/applications", LicenseReviewDriver.application("DE"), 201);
      return new String[] {submitted.get("reference").asText(), submitted.get("id").asText()};
    }

    @Override
    public void work(Latencies[] steps, String user, String reference, String taskKey, String variable, String value)
        throws Exception {
      LicenseBenchmarkIT.this.work(steps, user, reference, taskKey, variable, value);
    }
  }

  /**
   * B1-inproc: the same actions through the application's own service and Camunda's Java API in the
   * application's JVM, each as the user with the user's groups (what the API's security sets up), so
   * the engine runs the same task rules, gate and authorizations; no HTTP, no password check.
   */
  private final class InProcess implements Channel {

    private final org.exportcontrol.application.ApplicationService applications;
    private final ObjectMapper json;
    private final ProcessEngine engine;
    private final Map<String, List<String>> groups = new java.util.concurrent.ConcurrentHashMap<>();

    InProcess(ConfigurableApplicationContext app) {
      this.applications = app.getBean(org.exportcontrol.application.ApplicationService.class);
      this.json = app.getBean(ObjectMapper.class);
      this.engine = app.getBean(ProcessEngine.class);
      for (String user : List.of("exporter", "tech", "legal", "foreign", "officer")) {
        groups.put(user, engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
            .map(g -> g.getId()).toList());
      }
    }

    @Override
    public String[] submit() throws Exception {
      org.exportcontrol.application.ApplicationRequest request = json.readValue(LicenseReviewDriver.application("DE"),
          org.exportcontrol.application.ApplicationRequest.class);
      org.exportcontrol.application.ApplicationView view = as("exporter", () -> applications.submit(request,
          new org.exportcontrol.identity.CurrentUser("exporter", groups.get("exporter"))));
      return new String[] {view.reference(), view.id()};
    }

    @Override
    public void work(Latencies[] steps, String user, String reference, String taskKey, String variable, String value) {
      TaskService tasks = engine.getTaskService();
      long t = System.nanoTime();
      java.util.function.Supplier<List<org.camunda.bpm.engine.task.Task>> find = () -> as(user, () -> tasks
          .createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).listPage(0, 1));
      List<org.camunda.bpm.engine.task.Task> found = find.get();
      steps[5].record(System.nanoTime() - t);
      @SuppressWarnings("unchecked")
      List<org.camunda.bpm.engine.task.Task>[] holder = new List[] {found};
      Await.until(taskKey + " of " + reference, () -> !holder[0].isEmpty() || !(holder[0] = find.get()).isEmpty(),
          Duration.ofSeconds(30), Duration.ofMillis(5));
      String taskId = holder[0].get(0).getId();
      t = System.nanoTime();
      as(user, () -> {
        tasks.claim(taskId, user);
        return null;
      });
      steps[6].record(System.nanoTime() - t);
      t = System.nanoTime();
      for (int attempt = 1; ; attempt++) {
        try {
          as(user, () -> {
            tasks.complete(taskId, Map.of(variable, value));
            return null;
          });
          steps[7].record(System.nanoTime() - t);
          return;
        } catch (org.camunda.bpm.engine.OptimisticLockingException e) {
          if (attempt == 5) {
            throw e;
          }
          retriedCompletions.incrementAndGet();
        }
      }
    }

    private <T> T as(String user, java.util.function.Supplier<T> action) {
      IdentityService identity = engine.getIdentityService();
      identity.setAuthentication(user, groups.get(user));
      try {
        return action.get();
      } finally {
        identity.clearAuthentication();
      }
    }
  }

  /** Rows in each table of the application's schema (the project's and the engine's). */
  private static Map<String, Long> rowsPerTable(JdbcClient jdbc) {
    List<String> tables = jdbc.sql("""
        select table_name from information_schema.tables
        where lower(table_schema) in ('public') and upper(table_type) in ('BASE TABLE', 'TABLE')""")
        .query(String.class).list();
    Map<String, Long> rows = new java.util.TreeMap<>();
    for (String table : tables) {
      rows.put(table.toLowerCase(java.util.Locale.ROOT),
          jdbc.sql("select count(*) from \"" + table + "\"").query(Long.class).single());
    }
    return rows;
  }

  /** What Tasklist does: find the task, claim it, complete it with the form's variables. */
  private void work(Latencies[] steps, String user, String reference, String taskKey, String variable, String value)
      throws Exception {
    long t = System.nanoTime();
    String find = "/engine-rest/task?processInstanceBusinessKey=" + reference + "&taskDefinitionKey=" + taskKey
        + "&firstResult=0&maxResults=1";
    JsonNode[] tasks = {call(user, "GET", find, null, 200)};
    steps[5].record(System.nanoTime() - t);
    // the decision task appears once the job executor has joined the reviews (ADR 0015)
    Await.until(taskKey + " of " + reference, () -> !tasks[0].isEmpty() || !(tasks[0] = poll(user, find)).isEmpty(),
        Duration.ofSeconds(30), Duration.ofMillis(5));
    String taskId = tasks[0].get(0).get("id").asText();
    t = System.nanoTime();
    call(user, "POST", "/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"" + user + "\"}", 204);
    steps[6].record(System.nanoTime() - t);
    t = System.nanoTime();
    String body = "{\"variables\": {\"" + variable + "\": {\"value\": \"" + value + "\"}}}";
    // A completion that collides with another transaction of the same case loses an optimistic lock
    // and is rolled back; like Tasklist's user, a client completes it again (counted: ADR 0015 made it rare).
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response = send(user, "POST", "/engine-rest/task/" + taskId + "/complete", body);
      if (response.statusCode() == 204) {
        steps[7].record(System.nanoTime() - t);
        return;
      }
      if (attempt < 5 && response.statusCode() == 500 && response.body().contains("concurrently")) {
        retriedCompletions.incrementAndGet();
        continue;
      }
      throw new AssertionError("complete " + taskKey + " as " + user + ": " + response.statusCode() + " " + response.body());
    }
  }

  // ---------------------------------------------------------------- B3

  private void revocations(ConfigurableApplicationContext app, List<String> licenses, String variant) throws Exception {
    ProcessEngine engine = app.getBean(ProcessEngine.class);
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    Latencies latency = new Latencies();
    for (String license : licenses) {
      JsonNode report = call("compliance", "POST", "/api/misuse-reports", """
          {"licenseNumber": "%s", "category": "POLITICAL_TARGETING", "source": "NGO", "summary": "Targeting"}"""
          .formatted(license), 201);
      String instance = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceBusinessKey(report.get("reference").asText()).singleResult().getId();
      as(engine, "compliance", () -> {
        TaskService tasks = engine.getTaskService();
        tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(),
            Map.of("credible", true, "severity", "HIGH"));
        tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId(),
            Map.of("finding", "SUBSTANTIATED", "investigationSummary", "Confirmed"));
      });
      String decision = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
      long start = System.nanoTime();
      call("officer", "POST", "/engine-rest/task/" + decision + "/complete", """
          {"variables": {"misuseAction": {"value": "REVOKE"}, "actionRationale": {"value": "Benchmark"}}}""", 204);
      await("revocation of " + license, () -> "REVOKED".equals(jdbc.sql(
              "select status from license where license_number = ?").param(license).query(String.class).single())
          && jdbc.sql("select count(*) from email_message where business_key = ? and template = 'license-revoked' and status = 'SENT'")
          .param(license).query(Long.class).single() == 1);
      latency.record(System.nanoTime() - start);
    }
    report.add("B3 revocation latency p50" + variant, latency.percentile(50), "ms", "");
    report.add("B3 revocation latency p95" + variant, latency.percentile(95), "ms", "< 1000 ms");
    // what the latencies are worth: each revoked license has exactly one shutdown order, one revocation
    // process and one revocation notice (issue 22, 7)
    for (String license : licenses) {
      assertThat(jdbc.sql("select count(*) from license_shutdown where license_number = ?").param(license)
          .query(Long.class).single()).as("shutdown orders of " + license).isEqualTo(1);
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("licenseRevocation")
          .processInstanceBusinessKey(license).count()).as("revocations of " + license).isEqualTo(1);
      assertThat(jdbc.sql("select count(*) from email_message where business_key = ? and template = 'license-revoked'")
          .param(license).query(Long.class).single()).as("revocation notices of " + license).isEqualTo(1);
    }
  }

  // ---------------------------------------------------------------- B2

  private void taskListAtScale(ConfigurableApplicationContext app) throws Exception {
    int loaded = 0;
    for (int size : OPEN) {
      long start = System.nanoTime();
      loadOpenCases(app, size - loaded);
      loaded = size;
      // a production database keeps its statistics current (autovacuum); right after a bulk load
      // they are stale and the planner picks nested loops over tens of thousands of rows
      app.getBean(JdbcClient.class).sql("analyze").update();
      report.add("B2 loading to " + size + " open cases", (System.nanoTime() - start) / 1e9, "s", "");
      measureTaskList(size, "");
      if ("postgres".equals(DB)) {
        DataSource dataSource = app.getBean(DataSource.class);
        String database = app.getBean(JdbcClient.class).sql("select current_database()").query(String.class).single();
        app.getBean(JdbcClient.class).sql("alter database " + database + " set max_parallel_workers_per_gather = 0").update();
        ((HikariDataSource) dataSource).getHikariPoolMXBean().softEvictConnections();
        measureTaskList(size, ", parallel query off");
        app.getBean(JdbcClient.class).sql("alter database " + database + " reset max_parallel_workers_per_gather").update();
        ((HikariDataSource) dataSource).getHikariPoolMXBean().softEvictConnections();
      }
    }
  }

  private void measureTaskList(int size, String variant) throws Exception {
    Latencies page = new Latencies();
    Latencies count = new Latencies();
    Latencies api = new Latencies();
    for (int i = 0; i < QUERIES + 10; i++) {
      long t = System.nanoTime();
      JsonNode tasks = call("legal", "GET", "/engine-rest/task?candidateGroup=legal-reviewers&firstResult=0&maxResults=50", null, 200);
      long pageNanos = System.nanoTime() - t;
      t = System.nanoTime();
      JsonNode total = call("legal", "GET", "/engine-rest/task/count?candidateGroup=legal-reviewers", null, 200);
      long countNanos = System.nanoTime() - t;
      t = System.nanoTime();
      JsonNode list = call("officer", "GET", "/api/applications?page=0&size=50", null, 200);
      long apiNanos = System.nanoTime() - t;
      if (i >= 10) {
        page.record(pageNanos);
        count.record(countNanos);
        api.record(apiNanos);
      }
      assertThat(tasks.size()).isEqualTo(50);
      assertThat(total.get("count").asLong()).isGreaterThanOrEqualTo(size);
      assertThat(list.get("content").size()).isEqualTo(50);
    }
    String at = " at " + size + variant;
    report.add("B2 Tasklist page p50" + at, page.percentile(50), "ms", "");
    report.add("B2 Tasklist page p95" + at, page.percentile(95), "ms", "< 30 ms at 100,000");
    report.add("B2 Tasklist count p95" + at, count.percentile(95), "ms", "< 100 ms at 100,000");
    report.add("B2 API list p95" + at, api.percentile(95), "ms", "< 50 ms at 100,000");
  }

  /** Open cases waiting in review, created fast: application rows and instances started at the reviews. */
  private void loadOpenCases(ConfigurableApplicationContext app, int count) throws Exception {
    RuntimeService runtime = app.getBean(RuntimeService.class);
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      work.add(pool.submit(() -> {
        int start;
        while ((start = next.getAndAdd(100)) < count) {
          int batch = Math.min(100, count - start);
          tx.executeWithoutResult(status -> {
            for (int i = 0; i < batch; i++) {
              String id = UUID.randomUUID().toString();
              // a year no real application has, numbered: unique however many are loaded
              String reference = "EXP-1999-%07d".formatted(loadedCases.incrementAndGet());
              jdbc.sql("""
                      insert into application (id, reference, status, submitted_at, submitted_by, exporter_company,
                        exporter_name, product_name, product_category, product_remote_shutdown_capable, end_user_name,
                        end_user_type, end_user_country, country_tier, declared_purposes, screening_outcome)
                      values (?, ?, 'IN_REVIEW', current_timestamp, 'exporter', 'demo-cyber', 'Demo Cyber Ltd',
                        'Bench product', 'INTERCEPTION', true, 'Police', 'LAW_ENFORCEMENT', 'DE', 'STANDARD',
                        '[{"kind":"TERRORIST_ACT","act":"HOSTAGE_TAKING"}]', 'PASSED')""")
                  .params(id, reference).update();
              // open cases loaded straight into the reviews: the project's own shortcut, not the engine's API
              Privileged.run("benchmark load", () -> runtime.createProcessInstanceByKey("exportLicenseReview")
                  .businessKey(reference).setVariable("applicationId", id).setVariable("submittedBy", "exporter")
                  .setVariable("countryTier", "STANDARD").setVariable("reference", reference)
                  .startBeforeActivity("startReviews").execute(true, true));
            }
          });
        }
        return null;
      }));
    }
    for (Future<?> w : work) {
      w.get(2, TimeUnit.HOURS);
    }
    pool.shutdown();
  }

  // ---------------------------------------------------------------- B4

  private void startup(List<Postgres> databases, GreenMail smtp) throws Exception {
    Path jar;
    try (var files = Files.list(Path.of("target"))) {
      jar = files.filter(p -> p.getFileName().toString().matches("cyber-export-control-.*\\.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("the application jar is missing: run through 'verify'"));
    }
    int port = freePort();
    List<String> arguments = new ArrayList<>(List.of("--server.port=" + port, "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=" + smtp.getSmtp().getPort(), "--spring.profiles.active=demo" + ("postgres".equals(DB) ? ",postgres" : ""),
        "--exportcontrol.processes-dir=processes", "--exportcontrol.forms-dir=forms"));
    // the first start creates the engine's and the project's tables; a restart finds them
    List<String> fatJar = command(List.of("-jar", jar.toString()), arguments, datasource(databases, "startup"));
    settle("java -jar");
    report.add("B4 start-up, java -jar to healthy, new database", startUntilHealthy(fatJar, port), "s", "< 20 s");
    if (!"all".equals(STARTUPS)) {
      return;
    }
    report.add("B4 start-up, java -jar to healthy, restart", startUntilHealthy(fatJar, port), "s", "< 20 s");

    // as the Dockerfile runs it: the jar extracted to plain jars, with a class data sharing archive
    // recorded by a training run (DockerComposeTest keeps the Dockerfile to these steps)
    Path image = Path.of("target", "bench", "image").toAbsolutePath();
    Folders.delete(image);
    Files.createDirectories(image.resolve("training"));
    run(image, java(), "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract", "--destination", "extracted");
    String extracted = image.resolve("extracted").resolve(jar.getFileName()).toString();
    Path archive = image.resolve("app.jsa");
    // on the embedded default database, in a folder of its own, as the image build does
    run(image.resolve("training"), java(), "-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh",
        "-jar", extracted, "--server.port=0");
    assertThat(archive).isNotEmptyFile();
    List<String> withArchive = command(List.of("-XX:SharedArchiveFile=" + archive, "-jar", extracted), arguments,
        datasource(databases, "startup-image"));
    settle("the image");
    report.add("B4 start-up as the image runs it (extracted, CDS), new database", startUntilHealthy(withArchive, port),
        "s", "< 20 s");
    report.add("B4 start-up as the image runs it (extracted, CDS), restart", startUntilHealthy(withArchive, port),
        "s", "< 20 s");
    if (!Boolean.getBoolean("bench.keep")) {
      Folders.delete(image);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static List<String> command(List<String> launch, List<String> arguments, List<String> datasource) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(launch);
    command.addAll(arguments);
    command.addAll(datasource);
    return command;
  }

  /** Runs a command to its end in {@code directory}; fails with its output when it fails. */
  private static void run(Path directory, String... command) throws Exception {
    Path log = Files.createTempFile("bench-run", ".log");
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end within 5 minutes; output: " + log);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
          + Files.readString(log));
    }
    Files.delete(log);
  }

  /**
   * Start-up is timed on two cores, where PostgreSQL still vacuuming the tables B1 and B2 filled
   * competes with it: wait for that (at most two minutes). What else the machine runs the benchmark
   * cannot control; it reports how busy the CPUs were just before, next to the figure.
   */
  private void settle(String startUps) throws Exception {
    if ("postgres".equals(DB)) {
      // never fails the run: the smoke size asserts correctness, not speed
      Await.holdsWithin(() -> {
        try {
          return Postgres.busyAutovacuumWorkers() == 0;
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }, Duration.ofMinutes(2), Duration.ofSeconds(1));
    }
    long[] before = cpuTicks();
    Thread.sleep(2000);
    long[] after = cpuTicks();
    if (before.length > 0 && after[1] > before[1]) {
      report.add("B4 CPU busy in the 2 s before the start-ups of " + startUps, 100.0 * (after[0] - before[0]) / (after[1] - before[1]),
          "%", "informational");
    }
  }

  /** Busy and total CPU ticks of the machine (Linux /proc/stat), or nothing elsewhere. */
  private static long[] cpuTicks() throws IOException {
    Path stat = Path.of("/proc/stat");
    if (!Files.isReadable(stat)) {
      return new long[0];
    }
    // cpu  user nice system idle iowait irq softirq steal ...
    String[] fields = Files.readAllLines(stat).get(0).trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < fields.length && i <= 8; i++) {
      total += Long.parseLong(fields[i]);
    }
    long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
    return new long[] {total - idle, total};
  }

  private double startUntilHealthy(List<String> command, int port) throws Exception {
    Path log = Files.createTempFile("bench-startup", ".log");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      await("the jar to be healthy (log: " + log + ")", () -> {
        try {
          return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
          return false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }, Duration.ofSeconds(120));
      return (System.nanoTime() - start) / 1e9;
    } finally {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  // ---------------------------------------------------------------- plumbing

  /** Datasource arguments for a fresh database of the benchmarked kind. */
  private List<String> datasource(List<Postgres> databases, String name) {
    if ("postgres".equals(DB)) {
      Postgres postgres = Postgres.freshDatabase();
      databases.add(postgres);
      return List.of("--spring.datasource.url=" + postgres.url(), "--spring.datasource.username=" + postgres.user(),
          "--spring.datasource.password=" + postgres.password());
    }
    // a file, as the application's default is: 100,000 open cases do not fit the test JVM's heap
    Path file = H2_DIR.resolve(name + "-" + UUID.randomUUID());
    h2Files.add(file);
    return List.of("--spring.datasource.url=jdbc:h2:file:./" + file + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE",
        "--spring.datasource.username=sa", "--spring.datasource.password=");
  }

  private static String value(List<String> args, String key) {
    return args.stream().filter(a -> a.startsWith("--spring.datasource." + key + "=")).findFirst().orElseThrow()
        .substring(("--spring.datasource." + key + "=").length());
  }

  private JsonNode call(String user, String method, String path, String body, int expected) throws Exception {
    HttpResponse<String> response = send(user, method, path, body);
    if (response.statusCode() != expected) {
      throw new AssertionError(method + " " + path + " as " + user + ": " + response.statusCode() + " " + response.body());
    }
    return response.body().isEmpty() ? null : json.readTree(response.body());
  }

  /** {@link #call} as a polled condition needs it: a GET that answers 200. */
  private JsonNode poll(String user, String path) {
    try {
      return call(user, "GET", path, null, 200);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> send(String user, String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(60));
    if (body != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void as(ProcessEngine engine, String user, Runnable action) {
    IdentityService identity = engine.getIdentityService();
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(g -> g.getId()).toList());
    try {
      action.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static double heapMiB() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }

  /** Latencies are measured by polling: every 2 ms. */
  private static void await(String what, BooleanSupplier condition) {
    await(what, condition, Duration.ofSeconds(60));
  }

  private static void await(String what, BooleanSupplier condition, Duration timeout) {
    Await.until(what, condition, timeout, Duration.ofMillis(2));
  }

  private static List<Integer> ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }
}
