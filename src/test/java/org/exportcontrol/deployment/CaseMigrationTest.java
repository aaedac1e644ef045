package org.exportcontrol.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exportcontrol.support.LicenseReviewDriver.application;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.audit.DecisionLogEntry;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.engine.ProcessContract;
import org.exportcontrol.engine.ProcessContracts;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.exportcontrol.support.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Issue 20: running cases moved to a changed diagram through POST /api/admin/migrations. Each test
 * deploys its own versions and removes them afterwards, so the shared engine's other cases (on the
 * folder's versions) are never part of a plan.
 */
class CaseMigrationTest extends IntegrationTest {

  private static final String REVIEW = "exportLicenseReview";
  /** The task the changed diagram adds after the licensing decision. */
  private static final String FILED = "decisionFiled";

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired ProcessContracts contracts;
  @Autowired DecisionLog decisionLog;

  private final List<String> deployments = new ArrayList<>();
  private LicenseReviewDriver driver;

  @BeforeEach
  void createDriver() {
    driver = new LicenseReviewDriver(processEngine, rest);
  }

  @AfterEach
  void removeTheTestVersions() {
    deployments.forEach(id -> Privileged.run("test clean-up", () -> repositoryService.deleteDeployment(id, true)));
    deployments.clear();
  }

  @Test
  void casesWaitingInEachReviewAndInTheDecisionMoveToTheChangedDiagramAndFinishOnIt() throws IOException {
    String diagram = Files.readString(Path.of("processes", REVIEW + ".bpmn"));
    int from = deploy(REVIEW, diagram).getVersion();
    Map<String, Object> inReviews = driver.submit("exporter", application("DE"));
    Map<String, Object> twoReviewsLeft = driver.submit("exporter", application("DE"));
    Map<String, Object> awaitingDecision = driver.submit("exporter", application("DE"));
    String first = driver.processInstanceOf((String) inReviews.get("reference"));
    String second = driver.processInstanceOf((String) twoReviewsLeft.get("reference"));
    String third = driver.processInstanceOf((String) awaitingDecision.get("reference"));
    List.of(first, second, third).forEach(driver::runAsyncJobs);
    driver.complete("tech", driver.task(second, "technicalReview"), Map.of("technicalRecommendation", "APPROVE"));
    driver.approvedByTheReviewers(awaitingDecision, "tech");

    withFiledDecisionInTheContract(() -> {
      int to = deploy(REVIEW, withDecisionFiled(diagram)).getVersion();
      String request = "{\"processDefinitionKey\": \"%s\", \"fromVersion\": %d, \"dryRun\": %s}";

      ResponseEntity<Map<String, Object>> dryRun = post("admin", request.formatted(REVIEW, from, "true"));
      assertThat(dryRun.getStatusCode().value()).as(String.valueOf(dryRun.getBody())).isEqualTo(200);
      assertThat(dryRun.getBody()).containsEntry("toVersion", to).containsEntry("instances", 3)
          .containsEntry("migratable", 3).containsEntry("batchId", null)
          // the second case's technical review waits at the join in a job (ADR 0015): a transition, migrated too
          .containsEntry("waitingIn", Map.of("technicalReview", 1, "legalReview", 2, "foreignAffairsReview", 2,
              "reviewsComplete", 1, "licensingDecision", 1));
      assertThat((List<?>) dryRun.getBody().get("notMigratable")).isEmpty();
      assertThat(onVersion(from)).as("a dry run moves nothing").hasSize(3);

      ResponseEntity<Map<String, Object>> started = post("admin", request.formatted(REVIEW, from, "false"));
      assertThat(started.getStatusCode().value()).as(String.valueOf(started.getBody())).isEqualTo(202);
      String batchId = (String) started.getBody().get("batchId");
      assertThat(progress(batchId)).containsEntry("status", "RUNNING");
      assertThat(decisionLog.entries("process:" + REVIEW)).filteredOn(e -> e.action() == DecisionAction.CASES_MIGRATED)
          .last().extracting(DecisionLogEntry::actor, e -> e.details().get("batchId").asText(),
              e -> e.details().get("instances").asInt())
          .containsExactly("admin", batchId, 3);

      runBatch(batchId);
      assertThat(progress(batchId)).containsEntry("status", "COMPLETED").containsEntry("failedJobs", 0);
      assertThat(onVersion(from)).isEmpty();
      assertThat(onVersion(to)).containsExactlyInAnyOrder(first, second, third);

      for (Map<String, Object> submitted : List.of(inReviews, twoReviewsLeft, awaitingDecision)) {
        String instance = driver.processInstanceOf((String) submitted.get("reference"));
        finishReviews(instance);
        driver.complete("officer", driver.task(instance, "licensingDecision"), Map.of("licensingDecision", "APPROVE"));
        assertThat(driver.task(instance, FILED)).as("the new step of the changed diagram").isNotNull();
        driver.complete("officer", driver.task(instance, FILED), Map.of());
        driver.runAsyncJobs(instance);
        Map<String, Object> view = driver.view("exporter", (String) submitted.get("id"));
        assertThat(view).containsEntry("status", "APPROVED");
        assertThat(view.get("license")).isNotNull();
      }
    });
  }

  @Test
  void aPlanThatWouldDropAWaitingActivityIsRefusedInTheDryRunAndAMappingRescuesIt() {
    int from = deploy("migrationProbe", Requests.process("migrationProbe", "<bpmn:userTask id=\"step\"/>")).getVersion();
    String waiting = runtimeService.startProcessInstanceByKey("migrationProbe", "PROBE-1").getId();
    String renamed = Requests.process("migrationProbe", "<bpmn:userTask id=\"check\"/>")
        .replace("targetRef=\"step\"", "targetRef=\"check\"").replace("sourceRef=\"step\"", "sourceRef=\"check\"");
    int to = deploy("migrationProbe", renamed).getVersion();

    ResponseEntity<Map<String, Object>> dropped = post("admin",
        "{\"processDefinitionKey\": \"migrationProbe\", \"fromVersion\": %d}".formatted(from));
    assertThat(dropped.getStatusCode().value()).isEqualTo(200);
    assertThat(dropped.getBody()).containsEntry("dryRun", true).containsEntry("toVersion", to)
        .containsEntry("migratable", 0);
    List<Map<String, Object>> refused = list(dropped.getBody().get("notMigratable"));
    assertThat(refused).singleElement().satisfies(instance -> {
      assertThat(instance).containsEntry("processInstanceId", waiting).containsEntry("businessKey", "PROBE-1");
      assertThat(String.join(" ", this.<String>list(instance.get("reasons")))).contains("step")
          .containsIgnoringCase("no migration instruction");
    });
    assertThat(post("admin", "{\"processDefinitionKey\": \"migrationProbe\", \"fromVersion\": %d, \"dryRun\": false}"
        .formatted(from)).getStatusCode().value()).as("nothing can move").isEqualTo(409);

    ResponseEntity<Map<String, Object>> mapped = post("admin", """
        {"processDefinitionKey": "migrationProbe", "fromVersion": %d, "toVersion": %d,
         "mappings": [{"from": "step", "to": "check"}]}""".formatted(from, to));
    assertThat(mapped.getBody()).containsEntry("migratable", 1).containsEntry("waitingIn", Map.of("step", 1));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(waiting).singleResult()
        .getProcessDefinitionId()).isEqualTo(definition("migrationProbe", from).getId());
  }

  @Test
  void aThousandCasesMoveInOneBatch() {
    int from = deploy("migrationProbe", Requests.process("migrationProbe", "<bpmn:userTask id=\"step\"/>")).getVersion();
    String twoSteps = Requests.process("migrationProbe", "<bpmn:userTask id=\"step\"/>")
        .replace("<bpmn:sequenceFlow id=\"toDone\" sourceRef=\"step\" targetRef=\"done\"/>",
            "<bpmn:sequenceFlow id=\"toArchive\" sourceRef=\"step\" targetRef=\"archive\"/>"
                + "<bpmn:userTask id=\"archive\"/>"
                + "<bpmn:sequenceFlow id=\"toDone\" sourceRef=\"archive\" targetRef=\"done\"/>");
    IntStream.range(0, 1000).forEach(i -> runtimeService.startProcessInstanceByKey("migrationProbe", "PROBE-" + i));
    int to = deploy("migrationProbe", twoSteps).getVersion();

    ResponseEntity<Map<String, Object>> started = post("admin",
        "{\"processDefinitionKey\": \"migrationProbe\", \"fromVersion\": %d, \"dryRun\": false}".formatted(from));
    assertThat(started.getStatusCode().value()).isEqualTo(202);
    assertThat(started.getBody()).containsEntry("migratable", 1000).containsEntry("waitingIn", Map.of("step", 1000));
    String batchId = (String) started.getBody().get("batchId");
    runBatch(batchId);

    assertThat(progress(batchId)).containsEntry("status", "COMPLETED").containsEntry("totalJobs", 1000);
    assertThat(onVersion(definition("migrationProbe", to))).hasSize(1000);
    String one = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("PROBE-7").singleResult().getId();
    processEngine.getTaskService().complete(
        processEngine.getTaskService().createTaskQuery().processInstanceId(one).singleResult().getId());
    assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(one).singleResult()
        .getTaskDefinitionKey()).as("the case goes on on the new version").isEqualTo("archive");
  }

  @Test
  void migrationOutsideTheApiIsClosedEvenToAnAdministrator() {
    ProcessDefinition from = deploy("migrationProbe", Requests.process("migrationProbe", "<bpmn:userTask id=\"step\"/>"));
    String waiting = runtimeService.startProcessInstanceByKey("migrationProbe").getId();
    ProcessDefinition to = deploy("migrationProbe", Requests.process("migrationProbe", "<bpmn:userTask id=\"step\"/>"));
    ResponseEntity<Map<String, Object>> response = as("admin").exchange("/engine-rest/migration/execute",
        HttpMethod.POST, Requests.json("""
            {"migrationPlan": {"sourceProcessDefinitionId": "%s", "targetProcessDefinitionId": "%s",
              "instructions": [{"sourceActivityIds": ["step"], "targetActivityIds": ["step"]}]},
             "processInstanceIds": ["%s"]}""".formatted(from.getId(), to.getId(), waiting)),
        new ParameterizedTypeReference<>() {});
    assertThat(response.getStatusCode().value()).isEqualTo(403);
    assertThat((String) response.getBody().get("detail")).contains("/api/admin/migrations");
    assertThat(onVersion(from)).containsExactly(waiting);
  }

  @Test
  void badRequestsNameTheFieldAndOnlyAdministratorsMayMigrate() {
    assertThat(post("officer", "{\"processDefinitionKey\": \"exportLicenseReview\", \"fromVersion\": 1}")
        .getStatusCode().value()).isEqualTo(403);
    assertField(post("admin", "{\"fromVersion\": 1}"), "processDefinitionKey");
    assertField(post("admin", "{\"processDefinitionKey\": \"exportLicenseReview\"}"), "fromVersion");
    assertField(post("admin", "{\"processDefinitionKey\": \"noSuchProcess\", \"fromVersion\": 1}"), "processDefinitionKey");
    assertField(post("admin", "{\"processDefinitionKey\": \"exportLicenseReview\", \"fromVersion\": 99999}"),
        "fromVersion");
    assertField(post("admin", "{\"processDefinitionKey\": \"exportLicenseReview\", \"fromVersion\": 1, "
        + "\"mappings\": [{\"from\": \"technicalReview\"}]}"), "mappings[0].to");
    int latest = definitionLatest(REVIEW).getVersion();
    assertField(post("admin", "{\"processDefinitionKey\": \"exportLicenseReview\", \"fromVersion\": %d}"
        .formatted(latest)), "toVersion");
    int from = deploy("migrationProbe", Requests.process("migrationProbe", "<bpmn:userTask id=\"step\"/>")).getVersion();
    deploy("migrationProbe", Requests.process("migrationProbe", "<bpmn:userTask id=\"step\"/>"));
    assertField(post("admin", "{\"processDefinitionKey\": \"migrationProbe\", \"fromVersion\": %d, "
        .formatted(from) + "\"mappings\": [{\"from\": \"step\", \"to\": \"noSuchActivity\"}]}"), "mappings");
    ResponseEntity<Map<String, Object>> unknown = rest.withBasicAuth("admin", "admin").exchange(
        "/api/admin/migrations/no-such-batch", HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
  }

  private void assertField(ResponseEntity<Map<String, Object>> response, String field) {
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(400);
    assertThat(this.<Map<String, Object>>list(response.getBody().get("errors"))).extracting(e -> e.get("field"))
        .contains(field);
  }

  /** The review diagram with a step after the decision: the decision goes to {@value #FILED}, then on. */
  private static String withDecisionFiled(String diagram) {
    String original = "<bpmn:sequenceFlow id=\"toDecisionOutcome\" sourceRef=\"licensingDecision\" targetRef=\"decisionOutcome\" />";
    assertThat(diagram).contains(original);
    return diagram.replace(original,
        "<bpmn:sequenceFlow id=\"toDecisionFiled\" sourceRef=\"licensingDecision\" targetRef=\"" + FILED + "\" />"
            + "<bpmn:userTask id=\"" + FILED + "\" name=\"File the decision\" camunda:candidateGroups=\"licensing-officers\" />"
            + "<bpmn:sequenceFlow id=\"toDecisionOutcome\" sourceRef=\"" + FILED + "\" targetRef=\"decisionOutcome\" />");
  }

  /** What an administrator's diagram change comes with: the new step in the process's contract. */
  private void withFiledDecisionInTheContract(Runnable test) {
    @SuppressWarnings("unchecked")
    Map<String, ProcessContract> before = (Map<String, ProcessContract>) ReflectionTestUtils.getField(contracts, "byKey");
    ProcessContract current = before.get(REVIEW);
    List<ProcessContract.UserTask> tasks = new ArrayList<>(current.userTasks());
    tasks.add(new ProcessContract.UserTask(FILED, "licensing-officers"));
    Map<String, ProcessContract> changed = new HashMap<>(before);
    changed.put(REVIEW, new ProcessContract(REVIEW, tasks, current.apiGroups(), current.startForm().orElse(null)) {});
    ReflectionTestUtils.setField(contracts, "byKey", Map.copyOf(changed));
    try {
      test.run();
    } finally {
      ReflectionTestUtils.setField(contracts, "byKey", before);
    }
  }

  private void finishReviews(String instance) {
    Map<String, String> reviews = Map.of("technicalReview", "tech", "legalReview", "legal",
        "foreignAffairsReview", "foreign");
    Map<String, String> variables = Map.of("technicalReview", "technicalRecommendation",
        "legalReview", "legalRecommendation", "foreignAffairsReview", "foreignAffairsRecommendation");
    boolean reviewed = false;
    for (String review : List.of("technicalReview", "legalReview", "foreignAffairsReview")) {
      if (driver.task(instance, review) != null) {
        driver.complete(reviews.get(review), driver.task(instance, review), Map.of(variables.get(review), "APPROVE"));
        reviewed = true;
      }
    }
    if (reviewed) {
      driver.joinReviews(instance);
    }
  }

  /** Does what the job executor does for a batch: the seed job, the migration jobs, the monitor job. */
  private void runBatch(String batchId) {
    for (int round = 0; round < 20; round++) {
      Batch batch = managementService.createBatchQuery().batchId(batchId).singleResult();
      if (batch == null) {
        return;
      }
      List<Job> jobs = new ArrayList<>();
      for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId(),
          batch.getMonitorJobDefinitionId())) {
        jobs.addAll(managementService.createJobQuery().jobDefinitionId(definition).list());
      }
      jobs.forEach(job -> managementService.executeJob(job.getId()));
    }
    throw new AssertionError("the batch does not end");
  }

  private ProcessDefinition deploy(String key, String content) {
    String id = repositoryService.createDeployment().name("migration test " + key)
        .addString(key + ".bpmn", content).deploy().getId();
    deployments.add(id);
    return repositoryService.createProcessDefinitionQuery().deploymentId(id).singleResult();
  }

  private ProcessDefinition definition(String key, int version) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).processDefinitionVersion(version)
        .singleResult();
  }

  private ProcessDefinition definitionLatest(String key) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
  }

  private List<String> onVersion(int version) {
    return onVersion(definition(REVIEW, version));
  }

  private List<String> onVersion(ProcessDefinition definition) {
    return runtimeService.createProcessInstanceQuery().processDefinitionId(definition.getId()).list().stream()
        .map(i -> i.getId()).toList();
  }

  private ResponseEntity<Map<String, Object>> post(String user, String json) {
    return rest.withBasicAuth(user, user).exchange("/api/admin/migrations", HttpMethod.POST, Requests.json(json),
        new ParameterizedTypeReference<>() {});
  }

  private Map<String, Object> progress(String batchId) {
    ResponseEntity<Map<String, Object>> response = rest.withBasicAuth("admin", "admin").exchange(
        "/api/admin/migrations/" + batchId, HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    return response.getBody();
  }

  @SuppressWarnings("unchecked")
  private <T> List<T> list(Object value) {
    return (List<T>) value;
  }
}
