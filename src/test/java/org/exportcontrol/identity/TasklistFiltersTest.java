package org.exportcontrol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exportcontrol.support.LicenseReviewDriver.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.exportcontrol.support.ProcessPathTest;
import org.exportcontrol.support.Requests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Those who oversee the work find all of it and what is overdue, overdue work leads every list, and
 * every task card of every process says which case it is (issue 16, 4, 9 and 11). Through
 * /engine-rest as the users, the way Tasklist reads its filters.
 */
class TasklistFiltersTest extends ProcessPathTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired IdentitySetup identitySetup;

  @Test
  void administratorsOfficersAndHeadsOfUnitHaveAllOpenWorkAndOverdueReviewersOnlyTheirGroupsTasks() throws Exception {
    for (String overseer : List.of("admin", "officer", "manager")) {
      assertThat(filterNames(overseer)).as(overseer).contains("All open work", "Overdue");
    }
    assertThat(filterNames("manager")).contains("Licensing managers: my group's tasks");
    assertThat(filterNames("tech")).containsExactly("Technical reviewers: my group's tasks");
  }

  @Test
  void allOpenWorkShowsEveryGroupsTasksAndOverdueWhatIsPastItsDueDateFirst() throws Exception {
    String instance = driver.processInstanceOf((String) driver.submit("exporter", application("DE")).get("reference"));
    Task technical = driver.task(instance, "technicalReview");
    Task legal = driver.task(instance, "legalReview");
    assertThat(technical.getDueDate()).isNotNull();
    for (String overseer : List.of("manager", "officer")) {
      assertThat(ids(list(overseer, "All open work"))).as(overseer).contains(technical.getId(), legal.getId());
    }
    identitySetup.refreshOverdueFilter();
    assertThat(ids(list("manager", "Overdue"))).doesNotContain(technical.getId());

    ClockUtil.setCurrentTime(new Date(technical.getDueDate().getTime() + 60_000));
    identitySetup.refreshOverdueFilter();
    List<String> overdue = ids(list("manager", "Overdue"));
    assertThat(overdue).contains(technical.getId(), legal.getId());
    // the longest overdue first, in every filter
    List<Date> dues = new ArrayList<>();
    for (JsonNode task : list("admin", "All open work")) {
      dues.add(task.get("due").isNull() ? null : Date.from(java.time.OffsetDateTime.parse(task.get("due").asText(),
          java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant()));
    }
    assertThat(dues).doesNotContainNull().isSorted();
  }

  /** Issue 20: every node runs the minute's refresh; the second within the minute leaves the filter alone. */
  @Test
  void theOverdueFilterMovesOncePerMinuteHoweverManyNodesRefreshIt() {
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 3_600_000));
    identitySetup.refreshOverdueFilter();
    int revision = overdueFilterRevision();
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 20_000));
    identitySetup.refreshOverdueFilter();
    assertThat(overdueFilterRevision()).as("refreshed by another node 20 s ago").isEqualTo(revision);
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 60_000));
    identitySetup.refreshOverdueFilter();
    assertThat(overdueFilterRevision()).as("a minute later it moves again").isEqualTo(revision + 1);
  }

  private int overdueFilterRevision() {
    return ((org.camunda.bpm.engine.impl.persistence.entity.FilterEntity) processEngine.getFilterService()
        .createFilterQuery().filterName("Overdue").singleResult()).getRevision();
  }

  @Test
  void everyUserTaskOfEveryProcessCarriesTheCasesReferenceSubjectCountryAndExporter() {
    String license = driver.license("DE");
    ResponseEntity<Map<String, Object>> report = driver.post("compliance", "/api/misuse-reports", """
        {"licenseNumber": "%s", "category": "JOURNALIST_OR_ACTIVIST_TARGETING", "source": "Press",
         "summary": "Infection of a journalist's phone", "reportedOn": "2026-11-01"}""".formatted(license));
    assertThat(report.getStatusCode().value()).isEqualTo(201);
    String mr = (String) report.getBody().get("reference");
    Task triage = driver.tasks().createTaskQuery().processInstanceBusinessKey(mr).taskDefinitionKey("triageMisuseReport")
        .singleResult();
    assertThat(driver.tasks().getVariablesLocal(triage.getId())).containsEntry("reference", mr)
        .containsEntry("licenseNumber", license).containsEntry("productName", "Interceptor <X>")
        .containsEntry("endUserCountry", "DE").containsEntry("exporterName", "Demo Cyber Ltd");

    driver.as("officer", () -> processEngine.getRuntimeService().startProcessInstanceByKey("licenseRevocation", license,
        Map.of("licenseNumber", license, "revocationReason", "Export to a third country")));
    String revocation = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("licenseRevocation").processInstanceBusinessKey(license).singleResult().getId();
    driver.runAsyncJobs(revocation);
    List<Task> tasks = driver.tasks().createTaskQuery().processInstanceId(revocation).list();
    assertThat(tasks).isNotEmpty();
    for (Task task : tasks) {
      assertThat(driver.tasks().getVariablesLocal(task.getId())).as(task.getTaskDefinitionKey())
          .containsEntry("reference", license).containsEntry("licenseNumber", license)
          .containsEntry("productName", "Interceptor <X>").containsEntry("endUserCountry", "DE")
          .containsEntry("exporterName", "Demo Cyber Ltd");
    }
  }

  private List<String> filterNames(String user) throws Exception {
    ResponseEntity<String> response = as(user).getForEntity("/engine-rest/filter?resourceType=Task&maxResults=100", String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    JSON.readTree(response.getBody()).forEach(filter -> names.add(filter.get("name").asText()));
    return names;
  }

  private JsonNode list(String user, String filterName) throws Exception {
    String id = processEngine.getFilterService().createFilterQuery().filterName(filterName).singleResult().getId();
    ResponseEntity<String> response = as(user).exchange("/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=200",
        HttpMethod.POST, Requests.json("{}"), String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    return JSON.readTree(response.getBody());
  }

  private static List<String> ids(JsonNode tasks) {
    List<String> ids = new ArrayList<>();
    tasks.forEach(task -> ids.add(task.get("id").asText()));
    return ids;
  }
}
