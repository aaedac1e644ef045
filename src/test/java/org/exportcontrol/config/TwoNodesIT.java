package org.exportcontrol.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exportcontrol.e2e.Browser;
import org.exportcontrol.e2e.Tasklist;
import org.exportcontrol.support.Await;
import org.exportcontrol.support.Postgres;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: two application nodes, each the packaged jar with its job executor, on one PostgreSQL
 * database, started together. They deploy the folders once and number 100 applications, submitted
 * alternately, without a gap. The first node's SMTP server hangs, so it holds locked email jobs when
 * it is killed with SIGKILL; the second takes them over once their lock (10 s here) expires and
 * every acknowledgement goes out once, nothing left locked or failed. A person logged in to Tasklist
 * on the killed node, in Chromium and with an HTTP client, goes on working on the other one (Spring
 * Session JDBC): a claim, CSRF token included, without a new login.
 */
class TwoNodesIT {

  private static final int APPLICATIONS = 100;
  private static final Pattern REFERENCE = Pattern.compile("\"reference\"\\s*:\\s*\"(EXP-\\d{4}-(\\d{6}))\"");

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void twoNodesShareOneDatabaseAndAPersonKeepsWorkingWhenTheirNodeDies() throws Exception {
    try (Postgres database = Postgres.freshDatabase()) {
      GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
      smtp.start();
      // the first node's SMTP server accepts and never answers: its email jobs hang, locked, until it dies
      Tarpit tarpit = new Tarpit();
      Node first = Node.start("first", database, tarpit.port());
      Node second = Node.start("second", database, smtp.getSmtp().getPort());
      Browser browser = null;
      try {
        first.awaitHealthy(http);
        second.awaitHealthy(http);

        try (Connection db = DriverManager.getConnection(database.url(), database.user(), database.password())) {
          assertThat(longValue(db, "select count(*) from act_re_deployment where name_ = 'cyber-export-control'"))
              .as("the folders deployed once by two nodes starting together").isEqualTo(1);
          assertThat(longValue(db, "select count(*) from act_re_procdef where version_ > 1")).isZero();
        }

        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < APPLICATIONS; i++) {
          Node node = i % 2 == 0 ? first : second;
          HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(node.uri("/api/applications"))
              .header("Authorization", basic("exporter")).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(application())).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
          Matcher reference = REFERENCE.matcher(submitted.body());
          assertThat(reference.find()).isTrue();
          numbers.add(Integer.parseInt(reference.group(2)));
        }
        assertThat(numbers).as("references from both nodes, without gap or repeat")
            .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(numbers.get(0),
                numbers.get(0) + APPLICATIONS - 1).boxed().toList());

        // a person in a real browser, logged in to Tasklist on the first node
        browser = browserSteps() ? Browser.start("two-nodes") : null;
        if (browser != null) {
          new Tasklist(browser, "http://localhost:" + first.port()).logIn("tech", "Tess Technical");
        }
        WebappSession tech = WebappSession.login(http, first, "tech");
        assertThat(tech.countTasks(http, first)).as("the technical reviews, asked on the first node")
            .isEqualTo(APPLICATIONS);
        try (Connection db = DriverManager.getConnection(database.url(), database.user(), database.password())) {
          // locked for over a second: the second node sends in milliseconds, so these are the first node's
          String held = "select count(*) from act_ru_job where lock_owner_ is not null"
              + " and lock_exp_time_ < now() + interval '9 seconds'";
          Await.until("the first node holding locked jobs", () -> quietly(() -> longValue(db, held)) > 0,
              Duration.ofSeconds(60), Duration.ofMillis(200));
        }
        first.kill();
        long killedAt = System.nanoTime();
        assertThat(tech.countTasks(http, second)).as("the same session and CSRF token on the surviving node")
            .isEqualTo(APPLICATIONS);
        if (browser != null) {
          // the browser's cookies are the host's, whatever the port: the next click reaches the other node
          String taskId;
          try (Connection db = DriverManager.getConnection(database.url(), database.user(), database.password());
              Statement statement = db.createStatement();
              ResultSet rows = statement.executeQuery("select id_ from act_ru_task where task_def_key_ = 'technicalReview'"
                  + " and assignee_ is null order by id_ limit 1")) {
            rows.next();
            taskId = rows.getString(1);
          }
          Tasklist onSecond = new Tasklist(browser, "http://localhost:" + second.port());
          onSecond.openTaskByUrl(taskId);
          // claiming is a POST with the CSRF token: the session and its token came from the database
          onSecond.claim();
          browser.screenshot("two-nodes-claimed-on-the-surviving-node");
          try (Connection db = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            assertThat(longValue(db, "select count(*) from act_ru_task where id_ = '" + taskId + "' and assignee_ = 'tech'"))
                .as("claimed in the browser on the surviving node, without a new login").isEqualTo(1);
          }
        }

        Await.until("every acknowledgement sent", () -> smtp.getReceivedMessages().length >= APPLICATIONS,
            Duration.ofSeconds(90), Duration.ofMillis(100));
        // docs/benchmarks.md, B5: the failover time follows the job lock time (10 s here)
        System.out.printf("B5 failover: the last acknowledgement %d ms after the kill%n",
            Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
        try (Connection db = DriverManager.getConnection(database.url(), database.user(), database.password())) {
          Await.until("no job left locked or failed", () -> quietly(() ->
                  longValue(db, "select count(*) from act_ru_job where lock_owner_ is not null or retries_ = 0")
                      + longValue(db, "select count(*) from act_ru_incident")) == 0,
              Duration.ofSeconds(60), Duration.ofMillis(500));
        }
        // a message whose SMTP hand-off the kill interrupted may come twice, with the same Message-ID
        Map<String, Integer> byMessageId = new LinkedHashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
          byMessageId.merge(message.getMessageID(), 1, Integer::sum);
        }
        assertThat(byMessageId).as("one acknowledgement per application").hasSize(APPLICATIONS);
        assertThat(byMessageId.values().stream().filter(n -> n > 1).count()).as("repeats of one hand-off")
            .isLessThanOrEqualTo(1);
      } finally {
        if (browser != null) {
          browser.close();
        }
        first.kill();
        second.stop();
        smtp.stop();
        tarpit.close();
      }
    }
  }

  /**
   * docs/benchmarks.md, B5 throughput: the license path (submit, three reviews, decision, until the
   * license's email is sent) by two client threads, first through one node, then through two, each
   * client on its own node. Opt-in ({@code -Dbench.nodes=<applications per phase>}): it measures, it
   * asserts only that every application got its license.
   */
  @Test
  void throughputWithOneNodeAndWithTwo() throws Exception {
    int applications = Integer.getInteger("bench.nodes", 0);
    org.junit.jupiter.api.Assumptions.assumeTrue(applications > 0, "B5 throughput runs with -Dbench.nodes=<n>");
    try (Postgres database = Postgres.freshDatabase()) {
      GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
      smtp.start();
      Node first = Node.start("first", database, smtp.getSmtp().getPort());
      Node second = null;
      try {
        first.awaitHealthy(http);
        licensePath(List.of(first, first), 4, smtp);
        double one = licensePath(List.of(first, first), applications, smtp);
        second = Node.start("second", database, smtp.getSmtp().getPort());
        second.awaitHealthy(http);
        licensePath(List.of(second, second), 4, smtp);
        double two = licensePath(List.of(first, second), applications, smtp);
        System.out.printf(java.util.Locale.ROOT, "B5 throughput: one node %.2f applications/s, two nodes %.2f"
            + " applications/s (%d applications each, two client threads)%n", one, two, applications);
      } finally {
        first.stop();
        if (second != null) {
          second.stop();
        }
        smtp.stop();
      }
    }
  }

  /** Applications per second, one client thread per node given, until every license email is sent. */
  private double licensePath(List<Node> clients, int applications, GreenMail smtp) throws Exception {
    int before = smtp.getReceivedMessages().length;
    java.util.concurrent.atomic.AtomicInteger remaining = new java.util.concurrent.atomic.AtomicInteger(applications);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients.size());
    long start = System.nanoTime();
    List<java.util.concurrent.Future<?>> running = new ArrayList<>();
    for (Node node : clients) {
      running.add(pool.submit(() -> {
        while (remaining.getAndDecrement() > 0) {
          oneApplication(node);
        }
        return null;
      }));
    }
    for (java.util.concurrent.Future<?> client : running) {
      client.get(30, TimeUnit.MINUTES);
    }
    pool.shutdown();
    // two emails per application: received, and approved with the license
    Await.until("every license email sent", () -> smtp.getReceivedMessages().length >= before + 2 * applications,
        Duration.ofMinutes(5), Duration.ofMillis(20));
    return applications / ((System.nanoTime() - start) / 1e9);
  }

  private void oneApplication(Node node) throws Exception {
    HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(node.uri("/api/applications"))
        .header("Authorization", basic("exporter")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(application())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    Matcher reference = REFERENCE.matcher(submitted.body());
    assertThat(reference.find()).isTrue();
    for (String[] step : new String[][] {{"tech", "technicalReview", "technicalRecommendation"},
        {"legal", "legalReview", "legalRecommendation"}, {"foreign", "foreignAffairsReview", "foreignAffairsRecommendation"},
        {"officer", "licensingDecision", "licensingDecision"}}) {
      String find = "/engine-rest/task?processInstanceBusinessKey=" + reference.group(1) + "&taskDefinitionKey="
          + step[1] + "&firstResult=0&maxResults=1";
      String[] taskId = {null};
      // the decision appears once a job has joined the reviews
      Await.until(step[1] + " of " + reference.group(1), () -> {
        try {
          Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(http.send(HttpRequest.newBuilder(node.uri(find))
              .header("Authorization", basic(step[0])).build(), HttpResponse.BodyHandlers.ofString()).body());
          return id.find() && (taskId[0] = id.group(1)) != null;
        } catch (IOException e) {
          return false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }, Duration.ofSeconds(60), Duration.ofMillis(5));
      post(node, step[0], "/engine-rest/task/" + taskId[0] + "/claim", "{\"userId\": \"" + step[0] + "\"}");
      post(node, step[0], "/engine-rest/task/" + taskId[0] + "/complete",
          "{\"variables\": {\"" + step[2] + "\": {\"value\": \"APPROVE\"}}}");
    }
  }

  private void post(Node node, String user, String path, String body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.uri(path)).header("Authorization", basic(user))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(204);
  }

  /** In CI (-Pe2e) the browser steps must run; elsewhere they run where Chromium is installed. */
  private static boolean browserSteps() {
    return Boolean.getBoolean("exportcontrol.test.browser.required")
        || Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER);
  }

  private static long longValue(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private interface SqlSupplier {
    long get() throws SQLException;
  }

  private static long quietly(SqlSupplier query) {
    try {
      return query.get();
    } catch (SQLException e) {
      return -1;
    }
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  private static String application() {
    return """
        {"product": {"name": "Interceptor", "category": "INTERCEPTION", "controlEntry": "5.A.1.j",
                     "description": "Lawful interception of mobile networks", "remoteShutdownCapable": true},
         "endUser": {"name": "National Police", "type": "LAW_ENFORCEMENT", "country": "DE"},
         "declaredPurposes": [{"kind": "SERIOUS_CRIME", "offence": "Drug trafficking", "maxPenaltyYears": 12}],
         "endUseCertificate": {"signatory": "Director General", "signedOn": "2026-01-15",
                               "prohibitedUsesAcknowledged": true},
         "contractValue": {"amount": 250000, "currency": "EUR"}}""";
  }

  /** A TCP server that accepts connections and never says a word, as a hung SMTP server does. */
  private static final class Tarpit implements AutoCloseable {

    private final ServerSocket server = new ServerSocket(0);
    private final List<java.net.Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());

    Tarpit() throws IOException {
      Thread accepting = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            held.add(server.accept());
          } catch (IOException e) {
            return;
          }
        }
      }, "tarpit");
      accepting.setDaemon(true);
      accepting.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (held) {
        for (java.net.Socket socket : held) {
          socket.close();
        }
      }
    }
  }

  /** One application JVM from the packaged jar. */
  private record Node(String name, int port, Process process, Path log) {

    static Node start(String name, Postgres database, int smtpPort) throws IOException {
      Path jar;
      try (var files = Files.list(Path.of("target"))) {
        jar = files.filter(p -> p.getFileName().toString().matches("cyber-export-control-.*\\.jar")).findFirst()
            .orElseThrow(() -> new AssertionError("the application jar is missing: run through 'verify'"));
      }
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path log = Files.createTempFile("node-" + name, ".log");
      Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-jar", jar.toString(), "--server.port=" + port, "--spring.profiles.active=postgres,demo",
          "--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
          "--spring.datasource.password=" + database.password(), "--spring.mail.host=127.0.0.1",
          "--spring.mail.port=" + smtpPort,
          // a dead node's locked jobs go to the other after this long
          "--camunda.bpm.job-execution.lock-time-in-millis=10000"))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new Node(name, port, process, log);
    }

    URI uri(String path) {
      return URI.create("http://localhost:" + port + path);
    }

    void awaitHealthy(HttpClient http) {
      Await.until("node " + name + " healthy (log: " + log + ")", () -> {
        if (!process.isAlive()) {
          throw new AssertionError("node " + name + " stopped at start-up; log: " + log);
        }
        try {
          return http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
          return false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }, Duration.ofSeconds(180), Duration.ofMillis(500));
    }

    /** SIGKILL: no shutdown hook, no job released, no session saved on the way out. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** A person logged in to Tasklist: the cookies a browser would keep, and the CSRF token it would send. */
  private static final class WebappSession {

    private final Map<String, String> cookies = new LinkedHashMap<>();

    static WebappSession login(HttpClient http, Node node, String user) throws Exception {
      WebappSession session = new WebappSession();
      session.keep(http.send(HttpRequest.newBuilder(node.uri("/camunda/app/tasklist/default/")).build(),
          HttpResponse.BodyHandlers.ofString()));
      HttpResponse<String> login = http.send(session.request(node, "/camunda/api/admin/auth/user/default/login/tasklist")
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
      session.keep(login);
      // the login starts a new session; its CSRF token comes with the next read, as in Tasklist
      HttpResponse<String> who = http.send(session.request(node, "/camunda/api/admin/auth/user/default").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(who.body()).contains("\"userId\":\"" + user + "\"");
      session.keep(who);
      return session;
    }

    /** A POST, so the CSRF token must match the session's. */
    int countTasks(HttpClient http, Node node) throws Exception {
      HttpResponse<String> response = http.send(request(node, "/camunda/api/engine/engine/default/task/count")
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      keep(response);
      Matcher count = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(response.body());
      assertThat(count.find()).isTrue();
      return Integer.parseInt(count.group(1));
    }

    private HttpRequest.Builder request(Node node, String path) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(node.uri(path))
          .header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
              .toList()));
      if (cookies.containsKey("XSRF-TOKEN")) {
        builder.header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
      }
      return builder;
    }

    private void keep(HttpResponse<?> response) {
      for (String setCookie : response.headers().allValues("Set-Cookie")) {
        String pair = setCookie.split(";", 2)[0];
        int equals = pair.indexOf('=');
        cookies.put(pair.substring(0, equals), pair.substring(equals + 1));
      }
    }
  }
}
