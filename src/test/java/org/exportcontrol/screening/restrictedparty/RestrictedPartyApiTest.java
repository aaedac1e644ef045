package org.exportcontrol.screening.restrictedparty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exportcontrol.support.LicenseReviewDriver.application;

import java.util.List;
import java.util.Map;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.exportcontrol.support.RestrictedPartyLists;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The restricted-party lists through the API (issue 18): imports and their refusals, versions per
 * source, the search, and the re-screening of live licenses and open applications after an import.
 */
class RestrictedPartyApiTest extends IntegrationTest {

  LicenseReviewDriver driver;

  @BeforeEach
  void createDriver() {
    driver = new LicenseReviewDriver(processEngine, rest);
  }

  private static String row(String source, String id, String name, String alts, String country) {
    return source + "," + id + ",\"" + name + "\"," + alts + "," + country + ",2026-01-15,Listed for surveillance exports\n";
  }

  private ResponseEntity<Map<String, Object>> get(String user, String path) {
    return rest.withBasicAuth(user, user).exchange(path, HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
  }

  private ResponseEntity<List<Map<String, Object>>> list(String user, String path) {
    return rest.withBasicAuth(user, user).exchange(path, HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
  }

  @Test
  void anImportReplacesItsSourcesEntriesAsANewVersionAndKeepsOtherSources() {
    String word = RestrictedPartyLists.uniqueWord();
    String source = "TEST-" + word.toUpperCase();
    Map<String, Object> first = RestrictedPartyLists.importAndRescreen(rest, processEngine, RestrictedPartyLists.HEADER
        + row(source, "A1", word + " Alpha Systems Ltd", "", "RU") + row(source, "A2", word + " Beta Networks", "Beta " + word + ";BN", ""));
    assertThat(first).containsEntry("source", source).containsEntry("entries", 2).containsEntry("added", 2)
        .containsEntry("removed", 0).containsEntry("unchanged", 0);
    String other = "OTHER-" + word.toUpperCase();
    RestrictedPartyLists.importAndRescreen(rest, processEngine, RestrictedPartyLists.HEADER
        + row(other, "O1", word + " Gamma Intelligence", "", "CN"));

    // the search answers the current entries of every source with their scores
    ResponseEntity<List<Map<String, Object>>> found = list("admin", "/api/admin/restricted-parties?name=" + word + " Alpha Systems");
    assertThat(found.getStatusCode().value()).isEqualTo(200);
    assertThat(found.getBody()).singleElement().satisfies(hit -> assertThat(hit).containsEntry("source", source)
        .containsEntry("entryId", "A1").containsEntry("country", "RU").containsEntry("score", 1.0)
        .containsEntry("listedOn", "2026-01-15"));
    assertThat(list("compliance", "/api/admin/restricted-parties?name=BN").getBody())
        .extracting(hit -> hit.get("entryId")).contains("A2");

    // the second version drops A1, keeps A2 and changes nothing else
    Map<String, Object> second = RestrictedPartyLists.importAndRescreen(rest, processEngine, RestrictedPartyLists.HEADER
        + row(source, "A2", word + " Beta Networks", "Beta " + word + ";BN", "") + row(source, "A3", word + " Delta Labs", "", ""));
    assertThat(second).containsEntry("entries", 2).containsEntry("added", 1).containsEntry("removed", 1)
        .containsEntry("unchanged", 1);
    assertThat(list("admin", "/api/admin/restricted-parties?name=" + word + " Alpha Systems").getBody()).isEmpty();
    assertThat(list("admin", "/api/admin/restricted-parties?name=" + word + " Gamma Intelligence").getBody())
        .extracting(hit -> hit.get("entryId")).containsExactly("O1");

    Map<String, Object> view = get("compliance", "/api/admin/restricted-parties/imports/" + second.get("importId")).getBody();
    assertThat(view).containsEntry("source", source).containsEntry("version", 2).containsEntry("importedBy", "compliance")
        .containsEntry("rescreenStatus", "FINISHED").containsKeys("rescreened", "newMatches", "misuseReports");
    assertThat(get("admin", "/api/admin/restricted-parties/imports/no-such-import").getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void aMalformedFileIsRefusedWholeNamingItsLineAndColumn() {
    String word = RestrictedPartyLists.uniqueWord();
    String source = "TEST-" + word.toUpperCase();
    String good = row(source, "B1", word + " Valid Entry", "", "");
    Map<String, String> faults = Map.of(
        RestrictedPartyLists.HEADER + good + source + ",B2,\"" + word + " Two\",,XX,2026-01-15,\n", "line 3, column country",
        RestrictedPartyLists.HEADER + good + source + ",B2,\"" + word + " Two\",,,15.01.2026,\n", "line 3, column listed_on",
        RestrictedPartyLists.HEADER + good + source + ",B2,,,,2026-01-15,\n", "line 3, column name",
        RestrictedPartyLists.HEADER + good + source + ",B1,\"" + word + " Again\",,,2026-01-15,\n", "line 3, column entry_id",
        RestrictedPartyLists.HEADER + good + "OTHER,B2,\"" + word + " Two\",,,2026-01-15,\n", "line 3, column source",
        RestrictedPartyLists.HEADER + good + source + ",B2,\"" + word + " Two\"\n", "line 3: has 3 columns",
        "source,entry_id,name,country,listed_on,reason\n" + good, "line 1, column alt_names",
        RestrictedPartyLists.HEADER, "line 2: the file has no entries");
    faults.forEach((csv, message) -> {
      ResponseEntity<Map<String, Object>> response = RestrictedPartyLists.post(rest, "compliance", csv);
      assertThat(response.getStatusCode().value()).as(message).isEqualTo(400);
      assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
      assertThat(response.getBody().toString()).as(message).contains("file", message).doesNotContain("Exception");
    });
    // nothing of the refused files was kept
    assertThat(list("admin", "/api/admin/restricted-parties?name=" + word + " Valid Entry").getBody()).isEmpty();
    assertThat(RestrictedPartyLists.post(rest, "compliance", "").getStatusCode().value()).isEqualTo(400);
    assertThat(get("admin", "/api/admin/restricted-parties").getBody()).containsEntry("status", 400);
  }

  @Test
  void onlyAdministratorsAndComplianceOfficersReachTheLists() {
    String csv = RestrictedPartyLists.HEADER + row("TEST-X", "X1", RestrictedPartyLists.uniqueWord() + " Corp", "", "");
    assertThat(RestrictedPartyLists.post(rest, "exporter", csv).getStatusCode().value()).isEqualTo(403);
    assertThat(RestrictedPartyLists.post(rest, "officer", csv).getStatusCode().value()).isEqualTo(403);
    assertThat(get("exporter", "/api/admin/restricted-parties?name=Corp").getStatusCode().value()).isEqualTo(403);
    assertThat(get("tech", "/api/admin/restricted-parties?name=Corp").getStatusCode().value()).isEqualTo(403);
    assertThat(rest.getForEntity("/api/admin/restricted-parties?name=Corp", String.class).getStatusCode().value()).isEqualTo(401);
  }

  /** A license of the demo exporter for an end user of this name in Germany; its number. */
  private String licenseFor(String endUserName) {
    Map<String, Object> submitted = driver.submit("exporter", application("DE").replace("\"National Police\"", "\"" + endUserName + "\""));
    String instance = driver.approvedByTheReviewers(submitted, "tech");
    driver.complete("officer", driver.task(instance, "licensingDecision"), Map.of("licensingDecision", "APPROVE"));
    driver.runAsyncJobs(instance);
    return (String) ((Map<?, ?>) driver.view("exporter", (String) submitted.get("id")).get("license")).get("number");
  }

  @Test
  @SuppressWarnings("unchecked")
  void reScreeningOpensOneMisuseReportPerNewlyListedLicenseAndRefersOpenApplications() {
    String word = RestrictedPartyLists.uniqueWord();
    String source = "TEST-" + word.toUpperCase();
    String license = licenseFor(word + " State Intelligence Bureau");
    String clean = licenseFor(RestrictedPartyLists.uniqueWord() + " Federal Police");
    Map<String, Object> underReview = driver.submit("exporter", application("DE")
        .replace("\"National Police\"", "\"" + word + " Signals Directorate\""));
    String reviewInstance = driver.processInstanceOf((String) underReview.get("reference"));
    driver.complete("tech", driver.task(reviewInstance, "technicalReview"), Map.of("technicalRecommendation", "APPROVE"));
    // the legal reviewer waits for the applicant's answer meanwhile
    driver.complete("legal", driver.task(reviewInstance, "legalReview"),
        Map.of("legalRecommendation", "REQUEST_INFORMATION", "legalComments", "Which court approves a deployment?"));
    assertThat(driver.view("exporter", (String) underReview.get("id"))).containsEntry("status", "INFORMATION_REQUESTED");

    String csv = RestrictedPartyLists.HEADER + row(source, "L1", "The " + word + " State Intelligence Bureau", "", "DE")
        + row(source, "L2", word + " Signals Directorate LLC", "", "");
    ResponseEntity<Map<String, Object>> imported = RestrictedPartyLists.post(rest, "admin", csv);
    assertThat(imported.getStatusCode().value()).isEqualTo(201);
    String importId = (String) imported.getBody().get("importId");
    // the import answers at once; the re-screening is a job of its own
    assertThat(get("admin", "/api/admin/restricted-parties/imports/" + importId).getBody())
        .containsEntry("rescreenStatus", "PENDING").containsEntry("misuseReports", null);
    RestrictedPartyLists.rescreen(processEngine, importId);

    Map<String, Object> view = get("admin", "/api/admin/restricted-parties/imports/" + importId).getBody();
    assertThat(view).containsEntry("rescreenStatus", "FINISHED");
    assertThat((Integer) view.get("rescreened")).isGreaterThanOrEqualTo(3);
    assertThat((Integer) view.get("newMatches")).isGreaterThanOrEqualTo(2);
    List<Map<String, Object>> reports = list("compliance", "/api/misuse-reports?licenseNumber=" + license).getBody();
    assertThat(reports).singleElement().satisfies(r -> assertThat(r).containsEntry("category", "RESTRICTED_PARTY_LISTED")
        .containsEntry("licenseNumber", license));
    assertThat((List<Object>) view.get("misuseReports")).contains(reports.get(0).get("reference"));
    assertThat(list("compliance", "/api/misuse-reports?licenseNumber=" + clean).getBody()).isEmpty();
    // the report goes through the usual triage
    String reportInstance = processEngine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey((String) reports.get(0).get("reference")).singleResult().getId();
    assertThat(driver.task(reportInstance, "triageMisuseReport")).isNotNull();
    assertThat((String) processEngine.getRuntimeService().getVariable(reportInstance, "misuseSummary"))
        .contains("L1", source, word + " State Intelligence Bureau");

    // the application under review waits for the compliance check instead of its reviews
    Map<String, Object> referred = driver.view("exporter", (String) underReview.get("id"));
    assertThat(referred).containsEntry("status", "AWAITING_COMPLIANCE_CHECK");
    assertThat(referred.get("screening")).isEqualTo(Map.of("outcome", "REFERRED", "reasons", List.of("RESTRICTED_PARTY_MATCH")));
    assertThat((List<?>) referred.get("openRequests")).isEmpty();
    assertThat(driver.tree(reviewInstance)).as("the question's process ended with it").hasSize(1);
    List<Map<String, Object>> matches = (List<Map<String, Object>>) ((Map<?, ?>) driver.view("officer",
        (String) underReview.get("id")).get("screening")).get("matches");
    assertThat(matches).extracting(m -> m.get("entryId")).containsExactly("L2");
    assertThat(driver.task(reviewInstance, "restrictedPartyCheck")).isNotNull();
    assertThat(driver.tasks().createTaskQuery().processInstanceId(reviewInstance).count()).isEqualTo(1);

    // a second identical import finds nothing new and opens no report
    Map<String, Object> again = RestrictedPartyLists.importAndRescreen(rest, processEngine, csv);
    assertThat(again).containsEntry("added", 0).containsEntry("removed", 0).containsEntry("unchanged", 2);
    Map<String, Object> againView = get("admin", "/api/admin/restricted-parties/imports/" + again.get("importId")).getBody();
    assertThat((List<Object>) againView.get("misuseReports")).doesNotContain(reports.get(0).get("reference"));
    assertThat(list("compliance", "/api/misuse-reports?licenseNumber=" + license).getBody()).hasSize(1);
    assertThat(driver.tasks().createTaskQuery().processInstanceId(reviewInstance).count()).isEqualTo(1);
  }

  /** Issue 18 meets issue 17: an amendment is screened as a submission is; a listed end user refers it. */
  @Test
  void anAmendmentNamingAListedEndUserIsReferredToTheComplianceCheck() {
    String word = RestrictedPartyLists.uniqueWord();
    RestrictedPartyLists.importAndRescreen(rest, processEngine, RestrictedPartyLists.HEADER
        + row("TEST-" + word.toUpperCase(), "P1", word + " Cyber Command", "", ""));
    Map<String, Object> submitted = driver.submit("exporter", application("FR"));
    assertThat(submitted).containsEntry("status", "IN_REVIEW");
    ResponseEntity<Map<String, Object>> amended = driver.post("exporter",
        "/api/applications/" + submitted.get("id") + "/amendments",
        application("FR").replace("\"National Police\"", "\"" + word + " Cyber Command\""));
    assertThat(amended.getStatusCode().value()).as(String.valueOf(amended.getBody())).isEqualTo(201);
    assertThat(amended.getBody()).containsEntry("status", "AWAITING_COMPLIANCE_CHECK")
        .containsEntry("amendmentOf", submitted.get("reference"));
    assertThat(amended.getBody().get("screening"))
        .isEqualTo(Map.of("outcome", "REFERRED", "reasons", List.of("RESTRICTED_PARTY_MATCH")));
    String instance = driver.processInstanceOf((String) amended.getBody().get("reference"));
    assertThat(driver.task(instance, "restrictedPartyCheck")).isNotNull();
  }

  @Test
  void applicantsNeverSeeListEntriesNorMisuseReports() {
    String word = RestrictedPartyLists.uniqueWord();
    RestrictedPartyLists.importAndRescreen(rest, processEngine, RestrictedPartyLists.HEADER
        + row("TEST-" + word.toUpperCase(), "P1", word + " Cyber Command", "", ""));
    Map<String, Object> submitted = driver.submit("exporter", application("FR")
        .replace("\"National Police\"", "\"" + word + " Cyber Command\""));
    assertThat(submitted.toString()).doesNotContain("P1", "TEST-" + word.toUpperCase(), "Listed for surveillance");
    ResponseEntity<String> mine = rest.withBasicAuth("exporter", "exporter").getForEntity("/api/applications/" + submitted.get("id"), String.class);
    assertThat(mine.getBody()).contains("RESTRICTED_PARTY_MATCH").doesNotContain("\"matches\"", "P1");
    ResponseEntity<String> all = rest.withBasicAuth("exporter", "exporter").getForEntity("/api/applications", String.class);
    assertThat(all.getBody()).doesNotContain("\"matches\"");
    assertThat(get("exporter", "/api/misuse-reports?licenseNumber=LIC-2026-000001").getStatusCode().value()).isEqualTo(403);
    assertThat(get("compliance", "/api/misuse-reports").getStatusCode().value()).isEqualTo(400);
  }
}
