package org.exportcontrol.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exportcontrol.support.LicenseReviewDriver.application;

import java.util.List;
import java.util.Map;
import org.exportcontrol.engine.Privileged;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.exportcontrol.support.Requests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The applicant API's contract: who may call what, and a precise answer to every kind of bad request. */
class ApplicationApiTest extends IntegrationTest {

  LicenseReviewDriver driver;

  @BeforeEach
  void setUp() {
    driver = new LicenseReviewDriver(processEngine, rest);
  }

  @Test
  void everyBadFieldIsNamedAndNothingIsStored() {
    long before = total();
    String body = """
        {"product": {"name": "", "category": "SPYWARE", "controlEntry": "%s", "remoteShutdownCapable": null},
         "endUser": {"name": "Police", "type": "POLICE", "country": "XX"},
         "declaredPurposes": [{"kind": "GENOCIDE"},
                              {"kind": "TERRORIST_ACT", "act": "PROTEST"},
                              {"kind": "SERIOUS_CRIME", "offence": "", "maxPenaltyYears": 101}],
         "endUseCertificate": {"signatory": "Director", "signedOn": "2999-01-01", "prohibitedUsesAcknowledged": true},
         "contractValue": {"amount": -1, "currency": "EURO"}}""".formatted("x".repeat(33));
    ResponseEntity<Map<String, Object>> response = post("exporter", body);
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
    assertThat(response.getBody()).containsEntry("status", 400).containsKeys("title", "detail");
    assertThat(fields(response)).containsExactlyInAnyOrder(
        "product.name", "product.category", "product.controlEntry", "product.remoteShutdownCapable",
        "endUser.type", "endUser.country",
        "declaredPurposes[0].kind", "declaredPurposes[1].act",
        "declaredPurposes[2].offence", "declaredPurposes[2].maxPenaltyYears",
        "endUseCertificate.signedOn", "contractValue.amount", "contractValue.currency");
    assertThat(total()).isEqualTo(before);
  }

  @Test
  void missingPartsAndPurposeLimitsAreNamed() {
    assertThat(fields(post("exporter", "{}"))).containsExactlyInAnyOrder("product", "endUser", "declaredPurposes");
    String noPurposes = application("DE").replaceAll("\"declaredPurposes\": \\[[^]]*]", "\"declaredPurposes\": []");
    assertThat(fields(post("exporter", noPurposes))).containsExactly("declaredPurposes");
    String purpose = "{\"kind\": \"TERRORIST_ACT\", \"act\": \"HOSTAGE_TAKING\"}";
    String tooMany = application("DE").replaceAll("\"declaredPurposes\": \\[[^]]*]",
        "\"declaredPurposes\": [" + String.join(",", java.util.Collections.nCopies(21, purpose)) + "]");
    assertThat(fields(post("exporter", tooMany))).containsExactly("declaredPurposes");
  }

  @Test
  void aValueOfTheWrongTypeOrAnUnknownFieldIsNamed() {
    String wrongType = application("DE").replace("\"maxPenaltyYears\": 12", "\"maxPenaltyYears\": \"twelve\"");
    assertThat(fields(post("exporter", wrongType))).containsExactly("declaredPurposes[1].maxPenaltyYears");
    String wrongDate = application("DE").replace("\"2026-01-15\"", "\"15/01/2026\"");
    assertThat(fields(post("exporter", wrongDate))).containsExactly("endUseCertificate.signedOn");
    // the exporting company is the caller's, never a field of the body
    String withExporter = application("DE").replaceFirst("\\{", "{\"exporter\": {\"name\": \"Someone Else Ltd\"}, ");
    assertThat(fields(post("exporter", withExporter))).containsExactly("exporter");
  }

  @Test
  void malformedJsonOversizedBodiesAndWrongMediaTypesAreRefused() {
    long before = total();
    ResponseEntity<Map<String, Object>> malformed = post("exporter", "{\"product\": ");
    assertThat(malformed.getStatusCode().value()).isEqualTo(400);
    assertThat(malformed.getBody()).containsEntry("title", "Malformed request");

    String huge = application("DE").replace("\"Lawful interception of mobile networks\"",
        "\"" + "x".repeat(1024 * 1024 + 1) + "\"");
    ResponseEntity<Map<String, Object>> tooLarge = post("exporter", huge);
    assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);

    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.TEXT_PLAIN);
    ResponseEntity<Map<String, Object>> text = as("exporter").exchange("/api/applications", HttpMethod.POST,
        new HttpEntity<>(application("DE"), headers), new ParameterizedTypeReference<>() {});
    assertThat(text.getStatusCode().value()).isEqualTo(415);
    assertThat(text.getBody()).containsEntry("status", 415);
    assertThat(total()).isEqualTo(before);
  }

  @Test
  void onlyApplicantsApplyAndOnlyWithCredentials() {
    assertThat(rest.postForEntity("/api/applications", Requests.json(application("DE")), String.class)
        .getStatusCode().value()).isEqualTo(401);
    assertThat(post("tech", application("DE")).getStatusCode().value()).isEqualTo(403);
    assertThat(post("officer", application("DE")).getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void anApplicantSeesOnlyItsCompanysApplicationsAndStaffSeeAll() {
    Map<String, Object> mine = driver.submit("exporter", application("DE"));
    Map<String, Object> theirs = driver.submit("exporter2", application("FR"));
    assertThat(mine.get("exporter")).isEqualTo(Map.of("name", "Demo Cyber Ltd"));
    assertThat(theirs.get("exporter")).isEqualTo(Map.of("name", "Other Intel Ltd"));

    assertThat(get("exporter2", "/api/applications/" + mine.get("id")).getStatusCode().value()).isEqualTo(404);
    assertThat(get("exporter", "/api/applications/" + theirs.get("id")).getStatusCode().value()).isEqualTo(404);
    assertThat(get("exporter", "/api/applications/no-such-id").getStatusCode().value()).isEqualTo(404);
    assertThat(get("legal", "/api/applications/" + theirs.get("id")).getStatusCode().value()).isEqualTo(200);
    assertThat(driver.post("exporter2", "/api/applications/" + mine.get("id") + "/withdraw", null)
        .getStatusCode().value()).isEqualTo(404);

    List<Map<String, Object>> exporterList = content(get("exporter", "/api/applications?page=0&size=100"));
    assertThat(exporterList.stream().map(a -> a.get("exporter")).distinct().toList())
        .containsExactly(Map.of("name", "Demo Cyber Ltd"));
    assertThat(exporterList.stream().map(a -> a.get("id")).toList()).contains(mine.get("id")).doesNotContain(theirs.get("id"));

    ResponseEntity<Map<String, Object>> firstPage = get("officer", "/api/applications?page=0&size=2");
    Map<String, Object> page = firstPage.getBody();
    assertThat(page).containsEntry("page", 0).containsEntry("size", 2);
    assertThat(content(firstPage)).hasSize(2);
    assertThat(((Number) page.get("totalElements")).longValue()).isGreaterThanOrEqualTo(2);
    // newest first (other tests of the shared database may have submitted later, on a moved clock)
    List<Object> staffList = content(get("officer", "/api/applications?page=0&size=100")).stream()
        .map(a -> a.get("id")).toList();
    assertThat(staffList).contains(theirs.get("id"), mine.get("id"));
    assertThat(staffList.indexOf(theirs.get("id"))).isLessThan(staffList.indexOf(mine.get("id")));
    List<java.time.OffsetDateTime> submitted = content(get("officer", "/api/applications?page=0&size=100")).stream()
        .map(a -> java.time.OffsetDateTime.parse((String) a.get("submittedAt"))).toList();
    assertThat(submitted).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    assertThat(fields(get("officer", "/api/applications?page=-1&size=500"))).containsExactlyInAnyOrder("page", "size");
  }

  /** Issue 16, item 13: the reference filtered nothing and the reference was no address. */
  @Test
  void aCaseIsFoundByItsReferenceUnderTheSameRulesAsByItsId() {
    Map<String, Object> mine = driver.submit("exporter", application("DE"));
    Map<String, Object> theirs = driver.submit("exporter2", application("FR"));
    String reference = (String) mine.get("reference");

    assertThat(content(get("exporter", "/api/applications?reference=" + reference)))
        .singleElement().satisfies(view -> assertThat(view).containsEntry("id", mine.get("id")));
    assertThat(get("exporter", "/api/applications?reference=" + reference).getBody()).containsEntry("totalElements", 1);
    assertThat(content(get("officer", "/api/applications?reference=" + theirs.get("reference"))))
        .singleElement().satisfies(view -> assertThat(view).containsEntry("id", theirs.get("id")));
    // another company's reference: an empty page, as if it did not exist
    assertThat(content(get("exporter", "/api/applications?reference=" + theirs.get("reference")))).isEmpty();

    ResponseEntity<Map<String, Object>> byReference = get("exporter", "/api/applications/by-reference/" + reference);
    assertThat(byReference.getStatusCode().value()).isEqualTo(200);
    assertThat(byReference.getBody()).isEqualTo(driver.view("exporter", (String) mine.get("id")));
    assertThat(get("legal", "/api/applications/by-reference/" + theirs.get("reference")).getStatusCode().value())
        .isEqualTo(200);
    assertThat(get("exporter", "/api/applications/by-reference/" + theirs.get("reference")).getStatusCode().value())
        .isEqualTo(404);
    assertThat(get("exporter", "/api/applications/by-reference/EXP-1999-999999").getStatusCode().value())
        .isEqualTo(404);
    assertThat(get("exporter", "/api/applications/EXP-1999-999999").getStatusCode().value()).isEqualTo(404);
    assertThat(fields(get("exporter", "/api/applications/by-reference/not-a-reference"))).containsExactly("reference");
    assertThat(fields(get("exporter", "/api/applications?reference=MR-2026-000001"))).containsExactly("reference");
  }

  @Test
  void staffSeeTheReviewersAdviceAndApplicantsDoNot() {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    String processInstanceId = driver.processInstanceOf((String) submitted.get("reference"));
    driver.complete("legal", driver.task(processInstanceId, "legalReview"),
        Map.of("legalRecommendation", "APPROVE_WITH_CONDITIONS", "legalComments", "Yearly audit"));

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> reviews = (List<Map<String, Object>>) driver.view("tech", (String) submitted.get("id"))
        .get("reviews");
    assertThat(reviews).singleElement().satisfies(review -> assertThat(review)
        .containsEntry("step", "legalReview").containsEntry("outcome", "APPROVE_WITH_CONDITIONS")
        .containsEntry("comments", "Yearly audit").containsEntry("by", "legal").containsKey("at"));
    // the list loads the reviews of a whole page at once: the same advice, on the right application
    assertThat(content(get("tech", "/api/applications?page=0&size=100")))
        .filteredOn(view -> submitted.get("id").equals(view.get("id"))).singleElement()
        .satisfies(view -> assertThat(view.get("reviews")).isEqualTo(reviews));
    assertThat(driver.view("exporter", (String) submitted.get("id"))).doesNotContainKey("reviews");
    assertThat(content(get("exporter", "/api/applications?page=0&size=100")))
        .allSatisfy(view -> assertThat(view).doesNotContainKey("reviews"));
    Privileged.run("test clean-up", () -> processEngine.getRuntimeService().deleteProcessInstance(processInstanceId, "test over"));
  }

  @Test
  void aResponseToNoOpenRequestIsAConflictAndABadResponseNamesItsFields() {
    Map<String, Object> submitted = driver.submit("exporter", application("DE"));
    String path = "/api/applications/" + submitted.get("id") + "/responses";
    ResponseEntity<Map<String, Object>> conflict = driver.post("exporter", path,
        "{\"requestId\": \"00000000-0000-0000-0000-000000000000\", \"message\": \"Here you are\"}");
    assertThat(conflict.getStatusCode().value()).isEqualTo(409);
    assertThat(conflict.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
    assertThat(fields(driver.post("exporter", path,
        "{\"message\": \"\", \"endUseCertificate\": {\"signatory\": \"\", \"prohibitedUsesAcknowledged\": true}}")))
        .containsExactlyInAnyOrder("requestId", "message", "endUseCertificate.signatory", "endUseCertificate.signedOn");
    assertThat(driver.post("tech", path, "{}").getStatusCode().value()).isEqualTo(403);
  }

  private long total() {
    return ((Number) get("admin", "/api/applications?page=0&size=1").getBody().get("totalElements")).longValue();
  }

  private ResponseEntity<Map<String, Object>> post(String user, String json) {
    return as(user).exchange("/api/applications", HttpMethod.POST, Requests.json(json),
        new ParameterizedTypeReference<>() {});
  }

  private ResponseEntity<Map<String, Object>> get(String user, String path) {
    return as(user).exchange(path, HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> content(ResponseEntity<Map<String, Object>> response) {
    return (List<Map<String, Object>>) response.getBody().get("content");
  }

  private static List<String> fields(ResponseEntity<Map<String, Object>> response) {
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(400);
    return ((List<?>) response.getBody().get("errors")).stream().map(e -> (String) ((Map<?, ?>) e).get("field")).toList();
  }
}
