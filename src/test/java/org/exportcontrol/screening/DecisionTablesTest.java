package org.exportcontrol.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.exportcontrol.application.EndUserType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

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
      "BR, LAW_ENFORCEMENT, ENHANCED", "ZA, MILITARY, ENHANCED", "TH, PRIVATE_COMPANY, ENHANCED",
      // a trusted state's buyers that the policy does not name for the standard review (ADR 0022)
      "DE, PRIVATE_COMPANY, ENHANCED", "US, INDIVIDUAL, ENHANCED", "FR, A_TYPE_ADDED_LATER, ENHANCED"})
  void countryTier(String country, String endUserType, String expected) {
    DmnDecisionResult result = dmn.evaluateDecision(countryTier,
        Map.of("endUserCountry", country, "endUserType", endUserType));
    assertThat((String) result.getSingleEntry()).isEqualTo(expected);
  }

  /**
   * The policy per end-user type, written out: who may buy, and which tier a trusted state's buyer of
   * that type gets. A type not named here (a value added to {@link EndUserType} later, a string no
   * enum knows, none at all) must be refused, and gets the enhanced tier even in a trusted state.
   */
  private static final Set<String> MAY_BUY = Set.of("LAW_ENFORCEMENT", "INTELLIGENCE", "MILITARY", "OTHER_GOVERNMENT");
  private static final Map<String, String> TIER_IN_A_TRUSTED_STATE = Map.of(
      "LAW_ENFORCEMENT", "STANDARD", "INTELLIGENCE", "STANDARD", "MILITARY", "ENHANCED", "OTHER_GOVERNMENT", "ENHANCED");

  private static String tierInATrustedState(String endUserType) {
    return endUserType == null ? "ENHANCED" : TIER_IN_A_TRUSTED_STATE.getOrDefault(endUserType, "ENHANCED");
  }

  /** A country of each tier, with the tier of its police (which the tier of every other type follows). */
  private static final Map<String, String> COUNTRY_OF_EACH_TIER = new LinkedHashMap<>(Map.of(
      "DE", "TRUSTED", "IN", "TRUSTED", "BR", "OTHER", "RU", "SANCTIONED", "MX", "STRUCK_OFF"));

  static Stream<Arguments> everyEndUserTypeInACountryOfEachTier() {
    List<String> types = new ArrayList<>(Arrays.stream(EndUserType.values()).map(Enum::name).toList());
    types.add("A_TYPE_ADDED_LATER");
    types.add(null);
    return COUNTRY_OF_EACH_TIER.entrySet().stream()
        .flatMap(country -> types.stream().map(type -> Arguments.of(country.getKey(), country.getValue(), type)));
  }

  @ParameterizedTest(name = "{0} ({1}) {2}")
  @MethodSource("everyEndUserTypeInACountryOfEachTier")
  void everyEndUserTypeInACountryOfEachTier(String country, String kind, String endUserType) {
    String expectedTier = switch (kind) {
      case "SANCTIONED", "STRUCK_OFF" -> "NOT_ELIGIBLE";
      case "TRUSTED" -> tierInATrustedState(endUserType);
      default -> "ENHANCED";
    };
    List<String> expectedHits = new ArrayList<>();
    if (endUserType == null || !MAY_BUY.contains(endUserType)) {
      expectedHits.add("REJECTED:END_USER_NOT_GOVERNMENT");
    }
    if ("NOT_ELIGIBLE".equals(expectedTier)) {
      expectedHits.add("REJECTED:COUNTRY_NOT_ELIGIBLE");
    }

    Map<String, Object> input = new HashMap<>();
    input.put("endUserCountry", country);
    input.put("endUserType", endUserType);
    String tier = dmn.evaluateDecision(countryTier, input).getSingleEntry();
    assertThat(tier).isEqualTo(expectedTier);

    // the screening gets the tier the way the process passes it on
    Map<String, Object> facts = with("endUserType", endUserType);
    facts.put("countryTier", tier);
    assertThat(screen(facts)).containsExactlyElementsOf(expectedHits);
  }

  @Test
  void eachStateIsListedInOneCellOnly() throws Exception {
    Map<String, List<String>> cellsOfEachCode = new LinkedHashMap<>();
    for (Map.Entry<String, String> cell : countryCells().entrySet()) {
      for (String code : isoCodes(cell.getValue())) {
        cellsOfEachCode.computeIfAbsent(code, c -> new ArrayList<>()).add(cell.getKey());
      }
    }
    assertThat(cellsOfEachCode).isNotEmpty();
    cellsOfEachCode.forEach((code, cells) -> assertThat(cells).as(code + " is listed in").hasSize(1));
    // and no other column names a state: the trusted list is that one cell
    assertThat(allInputEntries().stream().mapToInt(entry -> isoCodes(entry).size()).sum())
        .isEqualTo(cellsOfEachCode.size());
  }

  @Test
  void everyTrustedStateTreatsItsStateBodiesAsThePolicySays() throws Exception {
    List<String> trusted = isoCodes(countryCells().get("trustedStates"));
    // the states the policy names, and the size of the list as the table has it
    assertThat(trusted).contains("DE", "FR", "GB", "US", "CA", "AU", "NZ", "JP", "KR", "IN").hasSize(38);
    for (String country : trusted) {
      for (EndUserType type : EndUserType.values()) {
        String tier = dmn.evaluateDecision(countryTier,
            Map.of("endUserCountry", country, "endUserType", type.name())).getSingleEntry();
        assertThat(tier).as(country + " " + type).isEqualTo(tierInATrustedState(type.name()));
      }
    }
  }

  /** The country column of countryTier.dmn: rule id to the text of its cell. */
  private static Map<String, String> countryCells() throws Exception {
    Document table = countryTierXml();
    NodeList inputs = table.getElementsByTagNameNS("*", "input");
    int column = -1;
    for (int i = 0; i < inputs.getLength(); i++) {
      Element input = (Element) inputs.item(i);
      if ("endUserCountry".equals(input.getElementsByTagNameNS("*", "text").item(0).getTextContent().strip())) {
        column = i;
      }
    }
    assertThat(column).as("the column of endUserCountry").isNotNegative();
    Map<String, String> cells = new LinkedHashMap<>();
    NodeList rules = table.getElementsByTagNameNS("*", "rule");
    for (int i = 0; i < rules.getLength(); i++) {
      Element rule = (Element) rules.item(i);
      cells.put(rule.getAttribute("id"),
          rule.getElementsByTagNameNS("*", "inputEntry").item(column).getTextContent().strip());
    }
    return cells;
  }

  private static List<String> allInputEntries() throws Exception {
    NodeList entries = countryTierXml().getElementsByTagNameNS("*", "inputEntry");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < entries.getLength(); i++) {
      texts.add(entries.item(i).getTextContent());
    }
    return texts;
  }

  private static Document countryTierXml() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    try (InputStream in = Files.newInputStream(Path.of("processes", "countryTier.dmn"))) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  private static final Pattern ISO_CODE = Pattern.compile("\"([A-Z]{2})\"");

  private static List<String> isoCodes(String cell) {
    List<String> codes = new ArrayList<>();
    Matcher matcher = ISO_CODE.matcher(cell);
    while (matcher.find()) {
      codes.add(matcher.group(1));
    }
    return codes;
  }

  @Test
  void anApplicationThatMeetsThePolicyHasNoScreeningHit() {
    assertThat(screen(facts())).isEmpty();
  }

  @Test
  void eachScreeningRuleOnItsOwn() {
    assertThat(screen(with("endUserType", "PRIVATE_COMPANY"))).containsExactly("REJECTED:END_USER_NOT_GOVERNMENT");
    assertThat(screen(with("endUserType", "INDIVIDUAL"))).containsExactly("REJECTED:END_USER_NOT_GOVERNMENT");
    // an allowed list: what it does not name is refused, a type nobody listed and a missing one too
    assertThat(screen(with("endUserType", "A_TYPE_ADDED_LATER"))).containsExactly("REJECTED:END_USER_NOT_GOVERNMENT");
    assertThat(screen(with("endUserType", null))).containsExactly("REJECTED:END_USER_NOT_GOVERNMENT");
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
