package org.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.deployment.FolderDeployer;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.engine.TaskRuleViolation;
import org.exportcontrol.reference.ReferenceNumbers;
import org.exportcontrol.support.Await;
import org.exportcontrol.support.InputLimitsCheck;
import org.exportcontrol.support.Boot;
import org.exportcontrol.support.LicenseReviewDriver;
import org.exportcontrol.support.Mailbox;
import org.exportcontrol.support.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.TestAbortedException;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The whole application on a real PostgreSQL, with the job executor on as in production: Flyway and
 * the engine's schema, the folder deployment, the license path, and the revocation path (two reports
 * revoking one license at once included, which PostgreSQL's row locks must serialize).
 */
class PostgresBootTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(ServerSetup.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication()).withPerMethodLifecycle(false);

  static Postgres postgres;
  static ConfigurableApplicationContext app;
  static LicenseReviewDriver driver;
  static TestRestTemplate rest;

  /** Why the tests cannot run here, if they cannot: each is then reported as skipped, not as passed. */
  static String unavailable;

  @BeforeAll
  static void bootOnPostgres() {
    try {
      postgres = Postgres.freshDatabase();
    } catch (TestAbortedException e) {
      unavailable = e.getMessage();
      return;
    }
    app = Boot.start("demo,postgres",
        "--spring.datasource.url=" + postgres.url(),
        "--spring.datasource.username=" + postgres.user(),
        "--spring.datasource.password=" + postgres.password(),
        "--spring.mail.port=" + smtp.getSmtp().getPort(),
        "--camunda.bpm.job-execution.enabled=true");
    String port = app.getEnvironment().getProperty("local.server.port");
    rest = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port));
    driver = new LicenseReviewDriver(app.getBean(ProcessEngine.class), rest);
  }

  @BeforeEach
  void onlyWithPostgres() {
    Assumptions.assumeTrue(unavailable == null, () -> unavailable);
  }

  @AfterAll
  static void dropTheDatabase() throws Exception {
    if (app != null) {
      app.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void theLicensePathRunsToItsEndOnPostgres() {
    assertThat(app.getBean(JdbcClient.class).sql("select version()").query(String.class).single())
        .startsWith("PostgreSQL");
    assertThat(app.getBean(JdbcClient.class).sql("show jit").query(String.class).single())
        .as("the postgres profile's connections compile no queries (docs/benchmarks.md)").isEqualTo("off");
    assertThat(app.getBean(JdbcClient.class).sql("select indexdef from pg_indexes where indexname in"
            + " ('act_idx_job_duedate', 'act_idx_task_parent') order by indexname").query(String.class).list())
        .as("db/camunda migrated after the engine made its tables")
        .satisfiesExactly(job -> assertThat(job).endsWith("(duedate_)"), task -> assertThat(task).endsWith("(parent_task_id_)"));
    RepositoryService repository = app.getBean(RepositoryService.class);
    assertThat(repository.createDeploymentQuery().deploymentName(FolderDeployer.DEPLOYMENT_NAME).count())
        .as("processes/ and forms/ deployed").isEqualTo(1);

    Map<String, Object> submitted = driver.submit("exporter", LicenseReviewDriver.application("DE"));
    String license = approve(submitted);
    String instance = driver.processInstanceOf((String) submitted.get("reference"));
    HistoryService history = app.getBean(HistoryService.class);
    await("the review ended and both emails went out", () ->
        history.createHistoricProcessInstanceQuery().processInstanceId(instance).finished().count() == 1
            && subjects().contains(submitted.get("reference") + ": approved, license " + license));
    assertThat(subjects()).contains(submitted.get("reference") + ": application received");
  }

  @Test
  void aTaskPageReadsEachTaskOnceInEveryOrderOnPostgres() {
    String instance = driver.processInstanceOf((String) driver.submit("exporter", LicenseReviewDriver.application("DE"))
        .get("reference"));
    Task legalReview = driver.task(instance, "legalReview");
    // candidateUser now matches the task through the user's own link and through its group's link
    Privileged.run("test set-up", () -> driver.tasks().addCandidateUser(legalReview.getId(), "legal"));
    TaskService tasks = driver.tasks();
    // as Tasklist asks (the engine's task query, authorizations checked): by task columns the
    // project's semi-join (Task.xml), by lower(name) Camunda's DISTINCT
    driver.as("legal", () -> {
      for (TaskQuery query : List.of(tasks.createTaskQuery().orderByTaskId().asc(),
          tasks.createTaskQuery().orderByTaskCreateTime().desc(), tasks.createTaskQuery().orderByTaskNameCaseInsensitive().asc())) {
        assertThat(query.taskCandidateUser("legal").processInstanceId(instance).listPage(0, 50))
            .extracting(Task::getId).containsExactly(legalReview.getId());
      }
      List<Task> groupPage = tasks.createTaskQuery().taskCandidateGroup("legal-reviewers").listPage(0, 50);
      assertThat(groupPage).extracting(Task::getTaskDefinitionKey).containsOnly("legalReview");
      assertThat(groupPage).extracting(Task::getId).doesNotHaveDuplicates().isSorted();
    });
    driver.as("tech", () -> assertThat(tasks.createTaskQuery().taskCandidateUser("tech").processInstanceId(instance)
        .listPage(0, 50)).extracting(Task::getTaskDefinitionKey).containsExactly("technicalReview"));
    awaitReceiptEmailJob(instance);
    Privileged.run("test clean-up", () -> app.getBean(RuntimeService.class).deleteProcessInstance(instance, "test over"));
  }

  @Test
  void theRevocationPathRunsToItsEndAndTwoReportsRevokeOnceOnPostgres() throws Exception {
    String license = approve(driver.submit("exporter", LicenseReviewDriver.application("FR")));
    List<String> reports = List.of(report(license), report(license));
    RuntimeService runtime = app.getBean(RuntimeService.class);
    for (String reference : reports) {
      String instance = misuseInstance(reference);
      driver.complete("compliance", driver.task(instance, "triageMisuseReport"),
          Map.of("credible", true, "severity", "HIGH"));
      driver.complete("compliance", driver.task(instance, "investigateMisuse"),
          Map.of("finding", "SUBSTANTIATED", "investigationSummary", "Confirmed"));
    }
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Future<String>> decisions = List.of(
        threads.submit(() -> decide(together, reports.get(0), "officer")),
        threads.submit(() -> decide(together, reports.get(1), "officer2")));
    // as on H2: the later decision is refused when the earlier one had committed, else both pass and the
    // second revocation finds the license revoked; either way one revocation, one shutdown order (issue 22, 3)
    List<String> revoking = new ArrayList<>();
    for (Future<String> decision : decisions) {
      String reference = decision.get(60, TimeUnit.SECONDS);
      if (reference != null) {
        revoking.add(reference);
      }
    }
    threads.shutdown();
    assertThat(revoking).as("at most the later decision is refused").isNotEmpty();
    assertThat(app.getBean(JdbcClient.class).sql("select count(*) from license_shutdown where license_number = ?")
        .param(license).query(Long.class).single()).as("one shutdown order").isEqualTo(1);

    await("the revocation notice went out",
        () -> subjects().stream().anyMatch(s -> s.startsWith(license + ": license revoked")));
    String revocation = runtime.createProcessInstanceQuery().processDefinitionKey("licenseRevocation")
        .processInstanceBusinessKey(license).singleResult().getId();
    assertThat(driver.post("exporter", "/api/licenses/" + license + "/shutdown-confirmation",
        "{\"evidence\": \"Wiped\", \"shutdownAt\": \"" + OffsetDateTime.now(ZoneOffset.UTC).minusHours(1) + "\"}")
        .getStatusCode().value()).isEqualTo(200);
    driver.complete("tech", driver.task(revocation, "verifyShutdown"), Map.of("shutdownVerified", true));
    driver.complete("foreign", driver.task(revocation, "notifyCustomerGovernment"),
        Map.of("notifiedOn", "2026-11-29", "notificationChannel", "DIPLOMATIC_NOTE"));

    Map<?, ?> shutdown = (Map<?, ?>) driver.get("exporter", "/api/licenses/" + license).getBody().get("shutdown");
    assertThat(shutdown.get("verifiedAt")).isNotNull();
    await("the revoking reports closed as revoked", () -> revoking.stream().allMatch(reference ->
        "CLOSED_REVOKED".equals(app.getBean(JdbcClient.class).sql("select status from misuse_report where reference = ?")
            .param(reference).query(String.class).single())));
    assertThat(subjects().stream().filter(s -> s.startsWith(license + ": license revoked"))).hasSize(1);
  }

  /** The same generated bodies as InputLimitsTest on H2: PostgreSQL refuses U+0000 and counts characters its own way. */
  /** Issue 19: the statistics' own SQL (the project's tables, the decision log, the engine's task tables) on PostgreSQL. */
  @Test
  void theStatisticsAreComputedAndPublishedOnPostgres() {
    String license = approve(driver.submit("exporter", LicenseReviewDriver.application("FR")));
    assertThat(license).startsWith("LIC-");
    int year = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
    Map<String, Object> report = driver.get("officer", "/api/statistics/transparency?year=" + year).getBody();
    List<?> issued = (List<?>) ((Map<?, ?>) report.get("sections")).get("licensesIssued");
    assertThat(((Number) ((Map<?, ?>) issued.get(0)).get("count")).intValue()).isPositive();
    assertThat(((Map<?, ?>) report.get("sections")).keySet().stream().map(String::valueOf).toList()).containsExactly("licensesIssued", "issuedOnAppeal", "refusals", "suspensions",
        "revocations", "shutdownsOrdered", "shutdownsVerified", "misuseReports", "withdrawals");
    Map<String, Object> operations = driver.get("officer", "/api/statistics/operations").getBody();
    assertThat(((Number) ((Map<?, ?>) operations.get("decisions")).get("count")).intValue()).isPositive();
    assertThat(operations).containsKeys("openCases", "timePerStep", "overdueTasks");
    assertThat(driver.post("admin", "/api/statistics/transparency/" + year + "/publication", null).getStatusCode().value())
        .isEqualTo(201);
    assertThat(driver.post("admin", "/api/statistics/transparency/" + year + "/publication", null).getBody())
        .containsEntry("publication", 2);
    assertThat(rest.getForEntity("/transparency/" + year + ".json", Map.class).getBody()).containsEntry("publication", 2);
  }

  @Test
  void inputsAtTheLimitsAreAcceptedAsSentOrRefusedByNameOnPostgres() throws Exception {
    InputLimitsCheck check = new InputLimitsCheck(driver, InputLimitsCheck.SEED);
    check.applications(40);
    check.responses(20);
    String license = approve(driver.submit("exporter", LicenseReviewDriver.application("NL")));
    check.misuseReports(license, 25);
    check.shutdownConfirmations(license, 20);
  }

  /** A stored document is never changed on PostgreSQL, whoever asks (ADR 0027): a new version is a new document. */
  @Test
  void aStoredDocumentCannotBeChangedOrRemovedOnPostgres() {
    String id = (String) driver.submit("exporter", LicenseReviewDriver.application("DE")).get("id");
    org.springframework.util.MultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
    parts.add("kind", "END_USE_CERTIFICATE");
    parts.add("file", new org.springframework.core.io.ByteArrayResource("%PDF-1.4\n%%EOF\n".getBytes()) {
      @Override
      public String getFilename() {
        return "certificate.pdf";
      }
    });
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
    var uploaded = rest.withBasicAuth("exporter", "exporter").exchange("/api/applications/" + id + "/documents",
        HttpMethod.POST, new org.springframework.http.HttpEntity<>(parts, headers), Map.class);
    assertThat(uploaded.getStatusCode().value()).as(String.valueOf(uploaded.getBody())).isEqualTo(201);
    String documentId = (String) uploaded.getBody().get("documentId");
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    for (String change : List.of("update document set file_name = 'other.pdf' where id = '" + documentId + "'",
        "update document set content = content where id = '" + documentId + "'",
        "delete from document where id = '" + documentId + "'", "truncate document")) {
      assertThatThrownBy(() -> jdbc.sql(change).update()).as(change).hasMessageContaining("document rows are never changed");
    }
    assertThat(jdbc.sql("select sha256 from document where id = ?").param(documentId).query(String.class).single())
        .isEqualTo(uploaded.getBody().get("sha256"));
  }

  @Test
  void theDecisionLogIsAppendOnlyOnPostgresAndAChangedEntryIsFound() {
    Map<String, Object> submitted = driver.submit("exporter", LicenseReviewDriver.application("DE"));
    awaitReceiptEmailJob(driver.processInstanceOf((String) submitted.get("reference")));
    DecisionLog log = app.getBean(DecisionLog.class);
    long seq = log.entries((String) submitted.get("reference")).get(0).seq();
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    for (String change : List.of("update decision_log set actor = 'someone' where seq = " + seq,
        "delete from decision_log where seq = " + seq, "truncate decision_log")) {
      assertThatThrownBy(() -> jdbc.sql(change).update()).as(change).hasMessageContaining("decision_log is append-only");
    }
    assertThat(log.verify().valid()).isTrue();

    // someone with the database's superuser rights goes around the trigger: verify names the entry
    TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
    tx.executeWithoutResult(status -> {
      jdbc.sql("set local session_replication_role = replica").update();
      jdbc.sql("update decision_log set actor = 'someone' where seq = ?").param(seq).update();
      DecisionLog.Verification broken = log.verify();
      assertThat(broken.valid()).isFalse();
      assertThat(broken.firstBrokenSeq()).isEqualTo(seq);
      status.setRollbackOnly();
    });
    assertThat(log.verify().valid()).isTrue();
  }

  @Test
  void twentyCallersDrawTheFirstNumbersOfAPrefixTogetherOnPostgres() throws Exception {
    ReferenceNumbers references = app.getBean(ReferenceNumbers.class);
    TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
    CyclicBarrier start = new CyclicBarrier(20);
    ExecutorService threads = Executors.newFixedThreadPool(20);
    List<Future<String>> drawn = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      drawn.add(threads.submit(() -> {
        start.await(30, TimeUnit.SECONDS);
        return tx.execute(status -> references.next("PGT"));
      }));
    }
    Set<String> numbers = new TreeSet<>();
    for (Future<String> number : drawn) {
      numbers.add(number.get(60, TimeUnit.SECONDS));
    }
    threads.shutdown();
    int year = Year.now(ZoneOffset.UTC).getValue();
    assertThat(numbers).containsExactlyElementsOf(IntStream.rangeClosed(1, 20)
        .mapToObj(n -> "PGT-%d-%06d".formatted(year, n)).toList());
  }

  /**
   * The job executor sends the receipt and the question while the exporter answers or withdraws at
   * once: the server retries its own collision, the exporter gets the answer (issue 15, 3).
   */
  @Test
  void anImmediateAnswerOrWithdrawalMeetsTheSystemsOwnJobsAndStillSucceeds() {
    String withoutCertificate = LicenseReviewDriver.application("DE").replaceAll(",\\s*\"endUseCertificate\": \\{[^}]*}", "");
    for (int round = 0; round < 5; round++) {
      Map<String, Object> asked = driver.submit("exporter", withoutCertificate);
      String requestId = (String) ((Map<?, ?>) ((List<?>) asked.get("openRequests")).get(0)).get("requestId");
      var answered = driver.post("exporter", "/api/applications/" + asked.get("id") + "/responses", """
          {"requestId": "%s", "message": "Signed now",
           "endUseCertificate": {"signatory": "Director", "signedOn": "2026-01-15", "prohibitedUsesAcknowledged": true}}"""
          .formatted(requestId));
      assertThat(answered.getStatusCode().value()).as("answer in round " + round + ": " + answered.getBody())
          .isEqualTo(200);
      Map<String, Object> submitted = driver.submit("exporter", LicenseReviewDriver.application("DE"));
      var withdrawn = driver.post("exporter", "/api/applications/" + submitted.get("id") + "/withdraw", null);
      assertThat(withdrawn.getStatusCode().value()).as("withdrawal in round " + round + ": " + withdrawn.getBody())
          .isEqualTo(200);
    }
  }

  /**
   * Eight retries of one application under one Idempotency-Key at the same moment (issue 15, 5): the
   * key's primary key lets one claim it; the others get its answer or 409 while it runs. One application.
   */
  @Test
  void retriesOfOneKeyAtTheSameMomentMakeOneApplicationOnPostgres() throws Exception {
    assertThat(app.getBean(JdbcClient.class).sql("select success from flyway_schema_history where version = '6'")
        .query(Boolean.class).single()).as("V6__idempotency_keys on PostgreSQL").isTrue();
    String product = "Raced " + UUID.randomUUID().toString().substring(0, 8);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("Idempotency-Key", "\"" + UUID.randomUUID() + "\"");
    HttpEntity<String> request = new HttpEntity<>(LicenseReviewDriver.application("DE").replace("Interceptor <X>", product),
        headers);
    CyclicBarrier together = new CyclicBarrier(8);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(threads.submit(() -> {
        together.await(30, TimeUnit.SECONDS);
        return rest.withBasicAuth("exporter", "exporter").exchange("/api/applications", HttpMethod.POST, request,
            String.class);
      }));
    }
    List<ResponseEntity<String>> answered = new ArrayList<>();
    for (Future<ResponseEntity<String>> answer : answers) {
      answered.add(answer.get(60, TimeUnit.SECONDS));
    }
    threads.shutdown();
    assertThat(answered).extracting(a -> a.getStatusCode().value()).containsOnly(201, 409).contains(201);
    assertThat(answered.stream().filter(a -> a.getStatusCode().value() == 201).map(ResponseEntity::getBody).distinct())
        .as("every 201 is the first answer").hasSize(1);
    assertThat(app.getBean(JdbcClient.class).sql("select count(*) from application where product_name = ?")
        .param(product).query(Long.class).single()).isEqualTo(1);
  }

  private static String approve(Map<String, Object> submitted) {
    String instance = driver.processInstanceOf((String) submitted.get("reference"));
    awaitReceiptEmailJob(instance);
    driver.complete("tech", driver.task(instance, "technicalReview"), Map.of("technicalRecommendation", "APPROVE"));
    driver.complete("legal", driver.task(instance, "legalReview"), Map.of("legalRecommendation", "APPROVE"));
    driver.complete("foreign", driver.task(instance, "foreignAffairsReview"),
        Map.of("foreignAffairsRecommendation", "APPROVE"));
    // the job executor joins the reviews and prepares the decision (ADR 0015)
    await("the licensing decision task", () -> driver.task(instance, "licensingDecision") != null);
    driver.complete("officer", driver.task(instance, "licensingDecision"), Map.of("licensingDecision", "APPROVE"));
    Map<String, Object> view = driver.view("exporter", (String) submitted.get("id"));
    assertThat(view).containsEntry("status", "APPROVED");
    return (String) ((Map<?, ?>) view.get("license")).get("number");
  }

  private static String report(String license) {
    var response = driver.post("compliance", "/api/misuse-reports", """
        {"licenseNumber": "%s", "category": "POLITICAL_TARGETING", "source": "NGO", "summary": "Opposition leader hacked"}"""
        .formatted(license));
    assertThat(response.getStatusCode().value()).isEqualTo(201);
    return (String) response.getBody().get("reference");
  }

  private static String misuseInstance(String reference) {
    return app.getBean(RuntimeService.class).createProcessInstanceQuery().processDefinitionKey("misuseReport")
        .processInstanceBusinessKey(reference).singleResult().getId();
  }

  /** The report's reference when its decision was taken, null when it was refused as too late. */
  private static String decide(CyclicBarrier together, String reference, String officer) throws Exception {
    var task = driver.task(misuseInstance(reference), "decideMisuseAction");
    together.await(10, TimeUnit.SECONDS);
    try {
      driver.complete(officer, task, Map.of("misuseAction", "REVOKE", "actionRationale", "Political targeting"));
      return reference;
    } catch (TaskRuleViolation late) {
      assertThat(late.getMessage()).contains("REVOKED");
      assertThat(misuseInstance(reference)).as("the refused report still waits for a decision").isNotNull();
      return null;
    }
  }

  private static List<String> subjects() {
    return Arrays.stream(smtp.getReceivedMessages()).map(Mailbox::subject).toList();
  }

  /**
   * The job executor sends the receipt meanwhile; a completion or deletion racing that job's commit
   * loses an optimistic lock (the job retries, a test's call does not), so let it finish first.
   */
  private static void awaitReceiptEmailJob(String instance) {
    await("the receipt email job", () -> app.getBean(ProcessEngine.class).getManagementService().createJobQuery()
        .processInstanceId(instance).messages().count() == 0);
  }

  /** Waits for work of the job executor: polls the condition, fails with the reason after 30 s. */
  private static void await(String what, BooleanSupplier condition) {
    Await.until(what, condition, Duration.ofSeconds(30), Duration.ofMillis(100));
  }
}
