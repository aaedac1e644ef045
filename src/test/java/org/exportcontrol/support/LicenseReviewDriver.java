package org.exportcontrol.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** Drives the export license review the way its users do: applicants through the API, staff as themselves. */
public class LicenseReviewDriver {

  private final ProcessEngine engine;
  private final TestRestTemplate rest;

  public LicenseReviewDriver(ProcessEngine engine, TestRestTemplate rest) {
    this.engine = engine;
    this.rest = rest;
  }

  /** A valid application of the demo exporter: LAW_ENFORCEMENT in the given country, certificate signed. */
  public static String application(String country) {
    return """
        {"product": {"name": "Interceptor <X>", "category": "INTERCEPTION", "controlEntry": "5.A.1.j",
                     "description": "Lawful interception of mobile networks", "remoteShutdownCapable": true},
         "endUser": {"name": "National Police", "type": "LAW_ENFORCEMENT", "country": "%s"},
         "declaredPurposes": [{"kind": "TERRORIST_ACT", "act": "HOSTAGE_TAKING"},
                              {"kind": "SERIOUS_CRIME", "offence": "Drug trafficking", "maxPenaltyYears": 12}],
         "endUseCertificate": {"signatory": "Director General", "signedOn": "2026-01-15",
                               "prohibitedUsesAcknowledged": true},
         "contractValue": {"amount": 250000, "currency": "EUR"}}""".formatted(country);
  }

  public Map<String, Object> submit(String user, String json) {
    ResponseEntity<Map<String, Object>> response = rest.withBasicAuth(user, user).exchange("/api/applications",
        HttpMethod.POST, Requests.json(json), new ParameterizedTypeReference<>() {});
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(201);
    return response.getBody();
  }

  public Map<String, Object> view(String user, String id) {
    ResponseEntity<Map<String, Object>> response = rest.withBasicAuth(user, user).exchange("/api/applications/" + id,
        HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    return response.getBody();
  }

  public ResponseEntity<Map<String, Object>> get(String user, String path) {
    return rest.withBasicAuth(user, user).exchange(path, HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
  }

  public ResponseEntity<Map<String, Object>> post(String user, String path, String json) {
    return rest.withBasicAuth(user, user).exchange(path, HttpMethod.POST, json == null ? null : Requests.json(json),
        new ParameterizedTypeReference<>() {});
  }

  /** An application of {@code exporter} taken through the reviews to an ACTIVE license; returns its number. */
  public String license(String country) {
    Map<String, Object> submitted = submit("exporter", application(country));
    String instance = approvedByTheReviewers(submitted, "tech");
    complete("officer", task(instance, "licensingDecision"), Map.of("licensingDecision", "APPROVE"));
    runAsyncJobs(instance);
    return (String) ((Map<?, ?>) view("exporter", (String) submitted.get("id")).get("license")).get("number");
  }

  /**
   * The three reviews of a submitted application approved (the technical one by {@code technicalReviewer},
   * the others by legal and foreign) and joined: the case waits for the licensing decision. Its process instance.
   */
  public String approvedByTheReviewers(Map<String, Object> submitted, String technicalReviewer) {
    String instance = processInstanceOf((String) submitted.get("reference"));
    complete(technicalReviewer, task(instance, "technicalReview"), Map.of("technicalRecommendation", "APPROVE"));
    complete("legal", task(instance, "legalReview"), Map.of("legalRecommendation", "APPROVE"));
    complete("foreign", task(instance, "foreignAffairsReview"), Map.of("foreignAffairsRecommendation", "APPROVE"));
    joinReviews(instance);
    return instance;
  }

  public String processInstanceOf(String reference) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("exportLicenseReview").singleResult().getId();
  }

  public Task task(String processInstanceId, String key) {
    return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key)
        .singleResult();
  }

  /** Completes the task as the user, the way Tasklist and /engine-rest do: authenticated with its groups. */
  public void complete(String user, Task task, Map<String, Object> variables) {
    as(user, () -> engine.getTaskService().complete(task.getId(), variables));
  }

  public void as(String user, Runnable action) {
    call(user, () -> {
      action.run();
      return null;
    });
  }

  /** What {@code action} answers, run as the user with its groups. */
  public <T> T call(String user, java.util.function.Supplier<T> action) {
    IdentityService identity = engine.getIdentityService();
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    identity.setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  /**
   * Does what the job executor does at once after the reviews: each review's completion waits before
   * the join {@code reviewsComplete} (ADR 0015); the last of these jobs joins and prepares the decision.
   */
  public void joinReviews(String processInstanceId) {
    ManagementService management = engine.getManagementService();
    List<Job> arrivals = management.createJobQuery().processInstanceId(processInstanceId)
        .activityId("reviewsComplete").list();
    assertThat(arrivals).as("reviews waiting at the join").hasSize(3);
    arrivals.forEach(job -> management.executeJob(job.getId()));
  }

  /** Runs the due async jobs (emails) of the case and its sub-processes until none is left; timers are left alone. */
  public int runAsyncJobs(String processInstanceId) {
    ManagementService management = engine.getManagementService();
    int executed = 0;
    for (int round = 0; round < 20; round++) {
      List<Job> jobs = new ArrayList<>();
      for (String id : tree(processInstanceId)) {
        jobs.addAll(management.createJobQuery().processInstanceId(id).messages().executable().list());
      }
      if (jobs.isEmpty()) {
        return executed;
      }
      for (Job job : jobs) {
        management.executeJob(job.getId());
        executed++;
      }
    }
    throw new AssertionError("async jobs keep appearing");
  }

  /** The timer job of a boundary event, by its activity id, within the case or its sub-processes. */
  public Job timer(String processInstanceId, String activityId) {
    List<Job> timers = new ArrayList<>();
    for (String id : tree(processInstanceId)) {
      timers.addAll(engine.getManagementService().createJobQuery().processInstanceId(id).timers()
          .activityId(activityId).list());
    }
    assertThat(timers).as("timers at " + activityId).hasSize(1);
    return timers.get(0);
  }

  /** The process instance and, recursively, the ones it called that are still running. */
  public List<String> tree(String processInstanceId) {
    List<String> ids = new ArrayList<>(List.of(processInstanceId));
    for (int i = 0; i < ids.size(); i++) {
      engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(ids.get(i)).list()
          .forEach(sub -> ids.add(sub.getId()));
    }
    return ids;
  }

  public TaskService tasks() {
    return engine.getTaskService();
  }
}
