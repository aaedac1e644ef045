package org.exportcontrol.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.LicenseReviewDriver;
import org.exportcontrol.support.WebappSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The case file as staff see it after logging into Tasklist (issue 16, item 12): who may open it, and
 * what it shows of a decided case: the facts, who decided what, when and why, the emails, the
 * process instances. The applicant's text is printed, never run.
 */
class CaseFileTest extends IntegrationTest {

  static final String SCRIPT_PRODUCT = "<script>alert('owned')</script> Interceptor";

  @LocalServerPort int port;
  LicenseReviewDriver driver;

  @BeforeEach
  void setUp() {
    driver = new LicenseReviewDriver(processEngine, rest);
  }

  /** An application whose product name is a script, approved by officer after the three reviews: its reference. */
  private String decidedCase() {
    String json = LicenseReviewDriver.application("DE").replace("Interceptor <X>", SCRIPT_PRODUCT.replace("'", "\\u0027"));
    Map<String, Object> submitted = driver.submit("exporter", json);
    String instance = driver.approvedByTheReviewers(submitted, "tech");
    driver.complete("officer", driver.task(instance, "licensingDecision"),
        Map.of("licensingDecision", "APPROVE", "decisionRationale", "Warrants are audited by a court"));
    driver.runAsyncJobs(instance);
    return (String) submitted.get("reference");
  }

  @Test
  void staffLoggedIntoTasklistReadTheFileOfADecidedCase() {
    String reference = decidedCase();
    HttpResponse<String> page = WebappSession.loggedIn(port, "legal").get("/cases/" + reference);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-eval"));
    String html = page.body();
    // the facts
    assertThat(html).contains("Case file <span>" + reference + "</span>", "National Police", "Law enforcement",
        "Interception", "Drug trafficking (up to 12 years)", "Hostage taking", "Director General", "Approved");
    // who decided, when (agency time zone) and why
    assertThat(html).contains("Olga Officer (officer)", "Tess Technical (tech)", "Licensing decision",
        "Warrants are audited by a court", "Technical review", "Approve");
    assertThat(html).containsPattern("\\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} (GMT|BST)");
    // the license, the emails, the diagrams' data
    assertThat(html).contains("LIC-", "Emails sent", "exporter@demo-cyber.example", "Export license review");
    // the applicant's text printed, not run
    assertThat(html).contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; Interceptor")
        .doesNotContain("<script>alert");
    assertThat(html).contains("No documents.");
  }

  @Test
  void theDiagramsShowThePathTakenAndWhereTheCaseStands() {
    String reference = decidedCase();
    WebappSession officer = WebappSession.loggedIn(port, "officer");
    HttpResponse<String> diagrams = officer.get("/cases/" + reference + "/diagrams");
    assertThat(diagrams.statusCode()).isEqualTo(200);
    assertThat(diagrams.body()).contains("\"passed\":[\"applicationSubmitted\"", "licensingDecision",
        "<bpmn:definitions", "\"running\":false");
    // the webjar is served by the application itself
    assertThat(officer.get("/webjars/bpmn-js/8.0.0/dist/bpmn-viewer.production.min.js").statusCode()).isEqualTo(200);
    assertThat(officer.get("/cases/assets/case-file.js").statusCode()).isEqualTo(200);
  }

  @Test
  void aLicenseNumberOpensTheSameFileAndAMisuseReportLeadsToItsLicense() {
    String license = driver.license("DE");
    Map<String, Object> report = driver.post("compliance", "/api/misuse-reports", """
        {"licenseNumber": "%s", "category": "JOURNALIST_OR_ACTIVIST_TARGETING", "source": "NGO <b>watch</b>",
         "summary": "Phone of a journalist hacked"}""".formatted(license)).getBody();
    String mr = (String) report.get("reference");
    WebappSession compliance = WebappSession.loggedIn(port, "compliance");

    HttpResponse<String> file = compliance.get("/cases/" + license);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).contains(license, mr, "Journalist or activist targeting", "NGO &lt;b&gt;watch&lt;/b&gt;",
        "Phone of a journalist hacked", "Triage the report", "Compliance officers");
    HttpResponse<String> redirect = compliance.get("/cases/" + mr);
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(location ->
        assertThat(location).endsWith("/cases/" + license + "#" + mr));

    assertThat(compliance.get("/cases/EXP-1999-999999").statusCode()).isEqualTo(404);
    assertThat(compliance.get("/cases/not-a-reference").statusCode()).isEqualTo(404);
  }

  /** Issue 17: the file of a superseded case names its amendment and the reverse; a surrendered license says when and why. */
  @Test
  void theFilesShowAnAmendmentsLinksAndASurrender() {
    Map<String, Object> original = driver.submit("exporter", LicenseReviewDriver.application("DE"));
    Map<String, Object> amendment = driver.post("exporter", "/api/applications/" + original.get("id") + "/amendments",
        LicenseReviewDriver.application("FR")).getBody();
    WebappSession officer = WebappSession.loggedIn(port, "officer");
    assertThat(officer.get("/cases/" + original.get("reference")).body())
        .contains("Superseded", "Superseded by", (String) amendment.get("reference"));
    assertThat(officer.get("/cases/" + amendment.get("reference")).body())
        .contains("Amends", (String) original.get("reference"));

    String license = driver.license("DE");
    driver.post("exporter", "/api/licenses/" + license + "/surrender", "{\"reason\": \"Buyer <b>closed</b> the unit\"}");
    assertThat(officer.get("/cases/" + license).body())
        .contains("Surrendered", "Reason for surrendering", "Buyer &lt;b&gt;closed&lt;/b&gt; the unit");
  }

  @Test
  void withoutAStaffLoginThePageGoesToTheLoginOrIsRefused() {
    String reference = decidedCase();
    HttpResponse<String> anonymous = WebappSession.anonymous(port).get("/cases/" + reference);
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(location ->
        assertThat(location).endsWith("/camunda/app/tasklist/default/"));
    assertThat(WebappSession.anonymous(port).get("/cases/" + reference + "/diagrams").statusCode()).isEqualTo(302);

    // an exporter has no webapp: the login is refused and the case file stays closed
    WebappSession exporter = WebappSession.anonymous(port);
    assertThat(exporter.logIn("exporter")).isNotEqualTo(200);
    assertThat(exporter.get("/cases/" + reference).statusCode()).isIn(302, 403);
    // HTTP Basic, the API's login, does not open it either: the client lands on Tasklist's login page
    assertThat(as("officer").getForEntity("/cases/" + reference, String.class).getBody())
        .doesNotContain(reference).contains("Tasklist");
  }
}
