package org.exportcontrol.wording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.exportcontrol.application.ApplicationAppealProcess;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.engine.ProcessContract;
import org.exportcontrol.license.LicenseRevocationProcess;
import org.exportcontrol.misuse.MisuseReportProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The forms in forms/ as a person reads them (issue 16): display values instead of codes, sections
 * hidden when empty, the case file line and the documents on every task form, and nothing submitted
 * but what the task's contract lets a completion set.
 */
class FormsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final List<ProcessContract> CONTRACTS = List.of(new ExportLicenseReviewProcess(), new MisuseReportProcess(),
      new LicenseRevocationProcess(), new ApplicationAppealProcess());
  /** Variables holding codes, ids or machine moments: a form shows their {@code ...Text} instead. */
  static final Set<String> RAW = Set.of("productCategory", "endUserType", "endUserCountry", "countryTier",
      "remoteShutdownCapable", "technicalRecommendation", "legalRecommendation", "foreignAffairsRecommendation",
      "suggestedOutcome", "licensingDecisionBy", "investigatedBy", "misuseCategory", "severity", "finding", "shutdownAt",
      "shutdownDeadline", "decisionReasons", "declaredPurposesText", "certificateText");
  static final List<String> REVIEWS_AND_DECISIONS = List.of("technicalReview", "legalReview", "foreignAffairsReview",
      "licensingDecision", "countersignDecision");
  static final List<String> ENFORCEMENT = List.of("triageMisuseReport", "investigateMisuse", "decideMisuseAction",
      "reviewSuspension", "escalateShutdown", "notifyCustomerGovernment", "verifyShutdown");

  static final List<String> APPEAL = List.of("assessAppeal", "decideAppeal");

  static Stream<String> taskForms() {
    return Stream.of(REVIEWS_AND_DECISIONS, ENFORCEMENT, APPEAL).flatMap(List::stream);
  }

  @ParameterizedTest
  @MethodSource("taskForms")
  void showsWordsNotCodesAndSubmitsOnlyItsContractsFields(String task) throws IOException {
    List<JsonNode> all = components(task);
    ProcessContract.UserTask contract = CONTRACTS.stream().flatMap(c -> c.userTasks().stream())
        .filter(t -> t.key().equals(task)).findFirst().orElseThrow();
    for (JsonNode c : all) {
      String key = c.path("key").asText(null);
      if (key == null) {
        continue;
      }
      if (c.path("disabled").asBoolean()) {
        assertThat(RAW).as(task + " shows the raw " + key).doesNotContain(key);
      } else {
        // form-js submits every keyed field that is not disabled: only what the completion may set
        assertThat(contract.fields()).as(task + " submits " + key).contains(key);
      }
      assertThat(c.path("validate").has("pattern")).as(task + ": a pattern's message names a regular expression").isFalse();
    }
    JsonNode first = all.get(0);
    JsonNode caseLine = all.get(1);
    assertThat(first.path("text").asText()).startsWith("# ");
    assertThat(caseLine.path("text").asText()).isEqualTo("Case file: [{{caseReference}}](/cases/{{caseReference}})");
    JsonNode documents = group(task, "Documents");
    assertThat(documents.path("conditional").path("hide").asText()).isEqualTo("=documentLinks = null or documentLinks = \"\"");
    assertThat(documents.path("components").get(0).path("text").asText()).isEqualTo("{{documentLinks}}");
  }

  /** form-js refuses to render a form that binds a key twice ("binding path ... is already claimed"). */
  @ParameterizedTest
  @MethodSource("taskForms")
  void bindsEachKeyOnce(String task) throws IOException {
    assertThat(keys(task)).as(task).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @MethodSource("taskForms")
  void everyShownValueOfTheCaseIsHiddenWhenEmpty(String task) throws IOException {
    for (JsonNode c : components(task)) {
      if (c.path("disabled").asBoolean() && !c.path("conditional").has("hide")) {
        // the few always shown: what the case is (reference, license, country) and the legal review's subject
        assertThat(c.path("key").asText()).as(task).isIn("reference", "licenseNumber", "endUserCountryText",
            "certificateDetailsText", "declaredOffencesText", "missedShutdownDeadlines");
      }
    }
  }

  @Test
  void reviewAndDecisionFormsShowTheScreeningAndHideEmptySections() throws IOException {
    for (String task : REVIEWS_AND_DECISIONS) {
      assertThat(keys(task)).as(task).contains("screeningText", "productCategoryText", "endUserTypeText",
          "endUserCountryText", "countryTierText");
    }
    for (String review : List.of("technical", "legal", "foreignAffairs")) {
      JsonNode earlier = group(review + "Review", "Earlier question and the applicant's answer");
      assertThat(earlier.path("conditional").path("hide").asText()).contains(review + "Answer = null");
    }
    assertThat(group("licensingDecision", "The countersigning officer sent the approval back")
        .path("conditional").path("hide").asText()).contains("countersignComments = null");
    assertThat(keys("licensingDecision")).contains("technicalRecommendationText", "suggestedOutcomeText");
    assertThat(keys("countersignDecision")).contains("licensingDecisionByText", "licensingDecisionText");
  }

  /** Issue 17: the appeal's officers see the original application, every review, the refusal and the grounds. */
  @Test
  void appealFormsShowTheCaseTheRefusalAndTheGrounds() throws IOException {
    for (String task : APPEAL) {
      assertThat(form(task).path("id").asText()).isEqualTo(task + "Form");
      assertThat(keys(task)).as(task).contains("appealGrounds", "appealApplicationText", "appealReviewsText",
          "appealDecisionText", "appealReference");
    }
    assertThat(keys("assessAppeal")).contains("appealRecommendation", "appealAssessment");
    assertThat(keys("decideAppeal")).contains("appealRecommendationText", "appealAssessedByText", "appealOutcome",
        "appealRationale", "licenseConditions");
    JsonNode criteria = components("licensingDecision").stream().filter(c -> "refusalCriteria".equals(c.path("key").asText()))
        .findFirst().orElseThrow();
    assertThat(criteria.path("type").asText()).isEqualTo("checklist");
    assertThat(criteria.path("values")).hasSize(9);
  }

  @Test
  void legalAndForeignAffairsReviewsHaveTheirOwnForms() throws IOException {
    assertThat(form("legalReview").path("id").asText()).isEqualTo("legalReviewForm");
    assertThat(keys("legalReview")).contains("certificateDetailsText", "declaredOffencesText", "legalRecommendation",
        "legalComments").doesNotContain("technicalRecommendation", "countryRecordText");
    assertThat(form("foreignAffairsReview").path("id").asText()).isEqualTo("foreignAffairsReviewForm");
    assertThat(keys("foreignAffairsReview")).contains("endUserCountryText", "countryTierText", "endUserTypeText",
        "countryRecordText", "foreignAffairsRecommendation", "foreignAffairsComments");
  }

  @Test
  void enforcementFormsShowTheReport() throws IOException {
    for (String task : ENFORCEMENT) {
      assertThat(keys(task)).as(task).contains("misuseCategoryText", "misuseSource", "misuseSummary", "misuseEvidenceText",
          "endUserCountryText");
      assertThat(group(task, "The misuse report").path("conditional").path("hide").asText()).contains("misuseReference = null");
    }
    for (String task : List.of("investigateMisuse", "decideMisuseAction", "reviewSuspension")) {
      assertThat(keys(task)).as(task).contains("severityText");
    }
    assertThat(keys("decideMisuseAction")).contains("investigatedByText", "findingText");
    JsonNode notified = components("notifyCustomerGovernment").stream().filter(c -> "notifiedOn".equals(c.path("key").asText()))
        .findFirst().orElseThrow();
    assertThat(notified.path("type").asText()).isEqualTo("datetime");
    assertThat(notified.path("subtype").asText()).isEqualTo("date");
  }

  @Test
  void theStartFormDescribesTheLicenseNumberInsteadOfAPattern() throws IOException {
    JsonNode number = components("startLicenseRevocation").stream().filter(c -> "licenseNumber".equals(c.path("key").asText()))
        .findFirst().orElseThrow();
    assertThat(number.path("validate").has("pattern")).isFalse();
    assertThat(number.path("description").asText()).contains("LIC-2026-000001");
  }

  static JsonNode form(String name) throws IOException {
    return JSON.readTree(Files.readString(Path.of("forms", name + ".form")));
  }

  /** Every component, groups' children included, in order. */
  static List<JsonNode> components(String name) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    collect(form(name).path("components"), all);
    return all;
  }

  private static void collect(JsonNode components, List<JsonNode> all) {
    for (JsonNode c : components) {
      all.add(c);
      collect(c.path("components"), all);
    }
  }

  static List<String> keys(String name) throws IOException {
    return components(name).stream().map(c -> c.path("key").asText(null)).filter(k -> k != null).toList();
  }

  static JsonNode group(String name, String label) throws IOException {
    return components(name).stream().filter(c -> "group".equals(c.path("type").asText()) && label.equals(c.path("label").asText()))
        .findFirst().orElseThrow(() -> new AssertionError(name + " has no section " + label));
  }

}
