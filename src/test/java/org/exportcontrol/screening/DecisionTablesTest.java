package org.exportcontrol.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of the decision tables in processes/, evaluated by the DMN engine alone (no process engine). */
class DecisionTablesTest {

  static DmnEngine dmn;
  static DmnDecision countryTier;
  static DmnDecision screening;
  static DmnDecision consolidation;

  @BeforeAll
  static void parseTables() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    countryTier = parse("countryTier.dmn", "countryTier");
    screening = parse("applicationScreening.dmn", "applicationScreening");
    consolidation = parse("recommendationConsolidation.dmn", "recommendationConsolidation");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "DE, LAW_ENFORCEMENT, STANDARD", "FR, INTELLIGENCE, STANDARD", "US, INTELLIGENCE, STANDARD",
      "IN, LAW_ENFORCEMENT, STANDARD", "IS, LAW_ENFORCEMENT, STANDARD", "KR, INTELLIGENCE, STANDARD",
      "DE, MILITARY, ENHANCED", "GB, OTHER_GOVERNMENT, ENHANCED",
      "RU, LAW_ENFORCEMENT, NOT_ELIGIBLE", "KP, INTELLIGENCE, NOT_ELIGIBLE", "VE, MILITARY, NOT_ELIGIBLE",
      "MX, LAW_ENFORCEMENT, NOT_ELIGIBLE", "MA, INTELLIGENCE, NOT_ELIGIBLE", "SA, LAW_ENFORCEMENT, NOT_ELIGIBLE",
      "AE, INTELLIGENCE, NOT_ELIGIBLE",
      "BR, LAW_ENFORCEMENT, ENHANCED", "ZA, MILITARY, ENHANCED", "TH, PRIVATE_COMPANY, ENHANCED"})
  void countryTier(String country, String endUserType, String expected) {
    DmnDecisionResult result = dmn.evaluateDecision(countryTier,
        Map.of("endUserCountry", country, "endUserType", endUserType));
    assertThat((String) result.getSingleEntry()).isEqualTo(expected);
  }

  @Test
  void anApplicationThatMeetsThePolicyHasNoScreeningHit() {
    assertThat(screen(facts())).isEmpty();
  }

  @Test
  void eachScreeningRuleOnItsOwn() {
    assertThat(screen(with("endUserType", "PRIVATE_COMPANY"))).containsExactly("REJECTED:END_USER_NOT_GOVERNMENT");
    assertThat(screen(with("endUserType", "INDIVIDUAL"))).containsExactly("REJECTED:END_USER_NOT_GOVERNMENT");
    assertThat(screen(with("countryTier", "NOT_ELIGIBLE"))).containsExactly("REJECTED:COUNTRY_NOT_ELIGIBLE");
    assertThat(screen(with("minSeriousCrimePenaltyYears", 5))).containsExactly("REJECTED:OFFENCE_BELOW_SERIOUS_THRESHOLD");
    assertThat(screen(with("remoteShutdownCapable", false))).containsExactly("REJECTED:REMOTE_SHUTDOWN_REQUIRED");
    assertThat(screen(with("certificateComplete", false))).containsExactly("INCOMPLETE:END_USE_CERTIFICATE_MISSING");
  }

  @Test
  void theThresholdIsSixYearsAndNoSeriousCrimeMeansNoThresholdCheck() {
    assertThat(screen(with("minSeriousCrimePenaltyYears", 6))).isEmpty();
    assertThat(screen(with("minSeriousCrimePenaltyYears", 0))).containsExactly("REJECTED:OFFENCE_BELOW_SERIOUS_THRESHOLD");
    assertThat(screen(with("minSeriousCrimePenaltyYears", null))).isEmpty();
  }

  @Test
  void remoteShutdownIsRequiredOnlyForIntrusionAndInterception() {
    Map<String, Object> interception = with("remoteShutdownCapable", false);
    interception.put("productCategory", "INTERCEPTION");
    assertThat(screen(interception)).containsExactly("REJECTED:REMOTE_SHUTDOWN_REQUIRED");
    for (String category : List.of("NETWORK_SURVEILLANCE", "FORENSIC_EXTRACTION", "OTHER_CYBER")) {
      Map<String, Object> other = with("remoteShutdownCapable", false);
      other.put("productCategory", category);
      assertThat(screen(other)).as(category).isEmpty();
    }
  }

  @Test
  void everyReasonThatAppliesIsListed() {
    Map<String, Object> facts = with("endUserType", "INDIVIDUAL");
    facts.put("countryTier", "NOT_ELIGIBLE");
    facts.put("minSeriousCrimePenaltyYears", 2);
    facts.put("remoteShutdownCapable", false);
    facts.put("certificateComplete", false);
    assertThat(screen(facts)).containsExactly("REJECTED:END_USER_NOT_GOVERNMENT", "REJECTED:COUNTRY_NOT_ELIGIBLE",
        "REJECTED:OFFENCE_BELOW_SERIOUS_THRESHOLD", "REJECTED:REMOTE_SHUTDOWN_REQUIRED",
        "INCOMPLETE:END_USE_CERTIFICATE_MISSING");
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource({
      "APPROVE, APPROVE, APPROVE, APPROVE",
      "APPROVE_WITH_CONDITIONS, APPROVE, APPROVE, APPROVE_WITH_CONDITIONS",
      "APPROVE, APPROVE_WITH_CONDITIONS, APPROVE_WITH_CONDITIONS, APPROVE_WITH_CONDITIONS",
      "APPROVE_WITH_CONDITIONS, APPROVE_WITH_CONDITIONS, APPROVE_WITH_CONDITIONS, APPROVE_WITH_CONDITIONS",
      "REJECT, REJECT, REJECT, REJECT",
      "APPROVE, APPROVE, REJECT, CONFLICTING",
      "REJECT, APPROVE_WITH_CONDITIONS, REJECT, CONFLICTING",
      "REJECT, REJECT, APPROVE, CONFLICTING"})
  void recommendationsAreConsolidatedLikeTheUkSystem(String technical, String legal, String foreignAffairs,
      String expected) {
    DmnDecisionResult result = dmn.evaluateDecision(consolidation, Map.of("technicalRecommendation", technical,
        "legalRecommendation", legal, "foreignAffairsRecommendation", foreignAffairs));
    assertThat((String) result.getSingleEntry()).isEqualTo(expected);
  }

  private static List<String> screen(Map<String, Object> facts) {
    return dmn.evaluateDecision(screening, facts).getResultList().stream()
        .map(hit -> hit.get("outcome") + ":" + hit.get("reason")).toList();
  }

  private static Map<String, Object> facts() {
    Map<String, Object> facts = new HashMap<>();
    facts.put("endUserType", "LAW_ENFORCEMENT");
    facts.put("countryTier", "STANDARD");
    facts.put("minSeriousCrimePenaltyYears", 10);
    facts.put("productCategory", "INTRUSION_SOFTWARE");
    facts.put("remoteShutdownCapable", true);
    facts.put("certificateComplete", true);
    return facts;
  }

  private static Map<String, Object> with(String name, Object value) {
    Map<String, Object> facts = facts();
    facts.put(name, value);
    return facts;
  }

  private static DmnDecision parse(String file, String key) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("processes", file))) {
      return dmn.parseDecision(key, in);
    }
  }
}
