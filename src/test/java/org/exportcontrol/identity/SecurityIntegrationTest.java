package org.exportcontrol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exportcontrol.support.Requests.json;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class SecurityIntegrationTest extends IntegrationTest {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;

  ProcessInstance instance;

  @BeforeEach
  void startGroupTasks() {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey("groupTasks").count() == 0) {
      repositoryService.createDeployment().name("test-group-tasks")
          .addClasspathResource("bpmn/groupTasks.bpmn").deploy();
    }
    instance = runtimeService.startProcessInstanceByKey("groupTasks");
  }

  @AfterEach
  void cleanUp() {
    Privileged.run("test clean-up", () -> runtimeService.deleteProcessInstance(instance.getId(), "test over"));
  }

  @Test
  void everyEndpointWithoutCredentialsIsRefusedWith401() {
    for (String path : List.of("/engine-rest/task", "/engine-rest/deployment", "/api/admin/redeploy",
        "/api/anything", "/actuator/metrics", "/v3/api-docs", "/demo/mailbox", "/not-a-page")) {
      ResponseEntity<String> response = rest.getForEntity(path, String.class);
      assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    assertThat(rest.postForEntity("/api/admin/redeploy", null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void theWebappsFirstLoginProbeGetsNoBasicChallenge() {
    // A Basic challenge here makes browsers open a password dialog over the webapps' login page.
    ResponseEntity<String> response = rest.getForEntity("/camunda-welcome", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(response.getHeaders().containsKey("WWW-Authenticate")).isFalse();
  }

  @Test
  void healthIsOpenButShowsDetailsOnlyToAdmins() {
    ResponseEntity<Map> anonymous = rest.getForEntity("/actuator/health", Map.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(anonymous.getBody()).containsEntry("status", "UP").doesNotContainKey("components");

    Map<String, Object> components = (Map<String, Object>) as("admin").getForEntity("/actuator/health", Map.class).getBody().get("components");
    assertThat(components).containsKeys("db", "processEngine");
    assertThat(as("tech").getForEntity("/actuator/metrics", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("admin").getForEntity("/actuator/metrics", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aUserSeesOnlyTheTasksOfItsGroups() {
    List<Map<String, Object>> techTasks = tasks("tech");
    assertThat(techTasks).extracting(t -> t.get("taskDefinitionKey")).containsExactly("techTask");
    assertThat(tasks("legal")).extracting(t -> t.get("taskDefinitionKey")).containsExactly("legalTask");
    assertThat(as("exporter").getForEntity("/engine-rest/task?maxResults=10", String.class).getStatusCode())
        .as("applicants use the project's API, not the engine's").isEqualTo(HttpStatus.FORBIDDEN);

    Task legalTask = taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("legalTask").singleResult();
    ResponseEntity<String> read = as("tech").getForEntity("/engine-rest/task/" + legalTask.getId(), String.class);
    // a task of another group is not there for this user: the engine's query filters it out (issue 22, 6)
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(read.getBody()).doesNotContain("legalTask");

    ResponseEntity<String> complete = as("tech").exchange("/engine-rest/task/" + legalTask.getId() + "/complete",
        HttpMethod.POST, json("{}"), String.class);
    assertThat(complete.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.createTaskQuery().taskId(legalTask.getId()).count()).isEqualTo(1);
  }

  @Test
  void anotherGroupsTasksStayHiddenEvenWhenAskedForByGroup() {
    // Tasklist's query shape: by candidate group, with a count (the project's EXISTS authorization check)
    String byGroup = "/engine-rest/task?candidateGroup=legal-reviewers&processInstanceId=" + instance.getId()
        + "&firstResult=0&maxResults=50";
    String count = "/engine-rest/task/count?candidateGroup=legal-reviewers&processInstanceId=" + instance.getId();
    assertThat(as("tech").getForEntity(byGroup, List.class).getBody()).isEmpty();
    assertThat(as("tech").getForEntity(count, Map.class).getBody()).containsEntry("count", 0);
    assertThat(as("legal").getForEntity(byGroup, List.class).getBody()).hasSize(1);
    assertThat(as("legal").getForEntity(count, Map.class).getBody()).containsEntry("count", 1);
  }

  @Test
  void aTaskLinkedTwiceToTheReviewerIsListedOnceInEveryOrder() {
    Task legalTask = taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("legalTask").singleResult();
    // candidateUser now matches the task through the user's own link and through its group's link
    Privileged.run("test set-up", () -> taskService.addCandidateUser(legalTask.getId(), "legal"));
    String query = "/engine-rest/task?candidateUser=legal&processInstanceId=" + instance.getId()
        + "&firstResult=0&maxResults=50";
    // ordered by task columns (on PostgreSQL the project's semi-join, PostgresBootTest) and by lower(name)
    for (String order : List.of("", "&sortBy=created&sortOrder=desc", "&sortBy=nameCaseInsensitive&sortOrder=asc")) {
      assertThat(as("legal").getForEntity(query + order, List.class).getBody())
          .as(order).extracting(t -> ((Map<?, ?>) t).get("id")).containsExactly(legalTask.getId());
    }
    // ordered by a variable: Camunda's DISTINCT over the join
    ResponseEntity<List> byVariable = as("legal").postForEntity("/engine-rest/task?firstResult=0&maxResults=50",
        json("{\"candidateUser\": \"legal\", \"processInstanceId\": \"" + instance.getId() + "\", \"sorting\": [{"
            + "\"sortBy\": \"processVariable\", \"sortOrder\": \"asc\","
            + " \"parameters\": {\"variable\": \"anything\", \"type\": \"String\"}}]}"), List.class);
    assertThat(byVariable.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(byVariable.getBody()).extracting(t -> ((Map<?, ?>) t).get("id")).containsExactly(legalTask.getId());
    assertThat(as("legal").getForEntity("/engine-rest/task/count?candidateUser=legal&processInstanceId="
        + instance.getId(), Map.class).getBody()).containsEntry("count", 1);
    assertThat(as("tech").getForEntity(query.replace("candidateUser=legal", "candidateUser=tech"), List.class)
        .getBody()).extracting(t -> ((Map<?, ?>) t).get("taskDefinitionKey")).containsExactly("techTask");
  }

  @Test
  void aCandidateClaimsAndCompletesThroughEngineRestAsItself() {
    Task techTask = taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("techTask").singleResult();
    assertThat(as("tech").exchange("/engine-rest/task/" + techTask.getId() + "/claim", HttpMethod.POST,
        json("{\"userId\":\"tech\"}"), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    // no process contract declares this task's fields, so a completion may set none (fails closed)
    ResponseEntity<Map> unrelated = as("tech").exchange("/engine-rest/task/" + techTask.getId() + "/complete",
        HttpMethod.POST, json("{\"variables\":{\"technicalComments\":{\"value\":\"fine\"}}}"), Map.class);
    assertThat(unrelated.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) unrelated.getBody().get("message")).contains("techTask may set no variables", "technicalComments");
    assertThat(as("tech").exchange("/engine-rest/task/" + techTask.getId() + "/complete", HttpMethod.POST,
        json("{}"), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(processEngine.getHistoryService().createHistoricTaskInstanceQuery().taskId(techTask.getId())
        .singleResult().getAssignee()).isEqualTo("tech");
    // the engine recorded who completed it, which it does only for an authenticated user
    assertThat(processEngine.getHistoryService().createUserOperationLogQuery().taskId(techTask.getId())
        .operationType("Complete").singleResult().getUserId()).isEqualTo("tech");
  }

  @Test
  void onlyAdminsMayDeployThroughEngineRest() {
    ResponseEntity<String> response = as("tech").exchange("/engine-rest/deployment/create", HttpMethod.POST,
        Requests.multipart("tech-try.bpmn", Requests.minimalProcess("techTry")), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("techTry").count()).isZero();
  }

  @Test
  void javaSerializedVariablesAreRefused() {
    String body = """
        {"value": "rO0ABXQABWhlbGxv", "type": "Object",
         "valueInfo": {"objectTypeName": "java.lang.String",
                       "serializationDataFormat": "application/x-java-serialized-object"}}""";
    // writing a variable at all is closed to everyone (integrity), administrators included
    ResponseEntity<String> response = as("admin").exchange(
        "/engine-rest/process-instance/" + instance.getId() + "/variables/payload", HttpMethod.PUT, json(body), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtimeService.getVariable(instance.getId(), "payload")).isNull();
    // and behind that, the engine itself refuses Java serialization, whoever writes
    assertThatThrownBy(() -> Privileged.run("test", () -> runtimeService.setVariable(instance.getId(), "payload",
        Variables.serializedObjectValue("rO0ABXQABWhlbGxv").objectTypeName("java.lang.String")
            .serializationDataFormat(Variables.SerializationDataFormats.JAVA).create())))
        .hasMessageContaining("Java serialization format is prohibited");
    assertThat(runtimeService.getVariable(instance.getId(), "payload")).isNull();
  }

  @Test
  void unboundedAndHugeQueriesAreRefused() {
    assertThat(as("admin").getForEntity("/engine-rest/task?maxResults=5000", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(as("admin").getForEntity("/engine-rest/task?maxResults=2000", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  /**
   * A user is locked only by an administrator (ADR 0021). Work goes to groups, never to one named
   * person, so the rest of the group carries on.
   */
  @Test
  void aLockedReviewerDoesNotBlockTheGroupsWork() {
    try {
      assertThat(as("admin").postForEntity("/api/admin/users/tech/lock", null, String.class).getStatusCode())
          .isEqualTo(HttpStatus.OK);
      assertThat(identityService.checkPassword("tech", "tech")).as("tech is locked").isFalse();
      assertThat(tasksStatus("tech")).isEqualTo(HttpStatus.UNAUTHORIZED);

      // tech2 is in the same group and completes the technical task
      Task techTask = taskService.createTaskQuery().processInstanceId(instance.getId())
          .taskDefinitionKey("techTask").singleResult();
      assertThat(as("tech2").exchange("/engine-rest/task/" + techTask.getId() + "/complete", HttpMethod.POST,
          json("{}"), String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    } finally {
      assertThat(as("admin").postForEntity("/api/admin/users/tech/unlock", null, String.class).getStatusCode())
          .isEqualTo(HttpStatus.OK);
    }
    assertThat(identityService.checkPassword("tech", "tech")).as("unlocked by the administrator").isTrue();
  }

  private List<Map<String, Object>> tasks(String user) {
    ResponseEntity<List<Map<String, Object>>> response = as(user).exchange(
        "/engine-rest/task?processInstanceId=" + instance.getId() + "&firstResult=0&maxResults=50",
        HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  private HttpStatus tasksStatus(String user) {
    return HttpStatus.valueOf(as(user).getForEntity("/engine-rest/task?maxResults=1", String.class)
        .getStatusCode().value());
  }
}
