package org.exportcontrol.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.dmn.el.ProcessEngineJuelElProvider;
import org.camunda.bpm.engine.variable.Variables;
import org.exportcontrol.engine.ExpressionRefusedException;
import org.exportcontrol.engine.SandboxedExpressionManager;
import org.exportcontrol.support.Canary;
import org.exportcontrol.support.GuardBypass;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * DMN tables are FEEL only, without external (Java) functions: refused at deploy through /engine-rest
 * and the folder redeploy; planted past the guard, they fail when evaluated through /engine-rest and
 * reach nothing ({@link Canary}).
 */
class DecisionInjectionTest extends IntegrationTest {

  static final String CANARY = "org.exportcontrol.support.Canary";
  /** The reported DMN attack, retargeted from Runtime.exec to the canary. */
  static final String JUEL_PAYLOAD = "\"\".getClass().forName(\"" + CANARY + "\").getMethod(\"hit\").invoke(null)";
  /** A FEEL function that calls a static Java method, defined and called in one expression. */
  static final String EXTERNAL_FUNCTION = "{f: function() external {java: {class: \"" + CANARY
      + "\", method signature: \"hit()\"}}, r: f()}.r";
  /** The same function, defined and never called. */
  static final String DEFINED_ONLY = "{f: function() external {java: {class: \"" + CANARY
      + "\", method signature: \"hit()\"}}, r: \"A\"}.r";

  @Autowired RepositoryService repositoryService;
  @Autowired DecisionService decisionService;

  /** Where the foreign expression language is declared: the element, and a table that declares it there. */
  record Declared(String element, String elementId, String language, String dmn) {
    @Override
    public String toString() {
      return language + " on " + element;
    }
  }

  static Stream<Declared> foreignLanguages() {
    return Stream.of(
        new Declared("definitions", "d_lang1", "juel",
            table("lang1", "", "").replace("namespace=", "expressionLanguage=\"juel\" namespace=")),
        new Declared("decisionTable", "lang2_table", "javascript",
            table("lang2", "", "").replace("hitPolicy=", "expressionLanguage=\"javascript\" hitPolicy=")),
        new Declared("input", "lang3_input", "groovy",
            table("lang3", "", "").replace("<input id=\"lang3_input\"", "<input id=\"lang3_input\" expressionLanguage=\"groovy\"")),
        new Declared("inputExpression", "lang4_inputExpression", "juel", table("lang4", "expressionLanguage=\"juel\"", "")),
        new Declared("inputEntry", "lang5_inputEntry", "python",
            table("lang5", "", "").replace("<inputEntry id=\"lang5_inputEntry\"", "<inputEntry id=\"lang5_inputEntry\" expressionLanguage=\"python\"")),
        new Declared("output", "lang6_output", "JUEL",
            table("lang6", "", "").replace("<output id=\"lang6_output\"", "<output id=\"lang6_output\" expressionLanguage=\"JUEL\"")),
        new Declared("outputEntry", "lang7_outputEntry", "ecmascript", table("lang7", "", "expressionLanguage=\"ecmascript\"")),
        new Declared("literalExpression", "lang8_literal", "juel", literal("lang8", "expressionLanguage=\"juel\"", "\"x\"")),
        new Declared("inputExpression", "lang9_inputExpression", "https://www.omg.org/spec/FEEL/20140401",
            table("lang9", "expressionLanguage=\"https://www.omg.org/spec/FEEL/20140401\"", "")));
  }

  @BeforeEach
  void resetTheCanary() {
    Canary.reset();
  }

  @AfterEach
  void theCanaryWasNeverHit() {
    assertThat(Canary.hits()).as("calls that reached the canary").isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("foreignLanguages")
  void anExpressionLanguageOtherThanFeelIsRefusedAtDeploy(Declared declared) {
    String file = declared.elementId() + ".dmn";
    ResponseEntity<Map> response = deploy(file, declared.dmn());

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) response.getBody().get("message")).contains(file, "element '" + declared.elementId() + "'",
        "expressionLanguage \"" + declared.language() + "\" on <" + declared.element() + ">", "must be FEEL");
    Map<?, ?> error = firstError(response, file);
    assertThat(error.get("mainElementId")).isEqualTo(declared.elementId());
    assertThat((Integer) error.get("line")).isPositive();
    assertThat(repositoryService.createDeploymentQuery().deploymentName(file).count()).as("nothing stored").isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"feel", "FEEL", "Feel", "https://www.omg.org/spec/DMN/20191111/FEEL/",
      "http://www.omg.org/spec/FEEL/20140401", "http://www.omg.org/spec/DMN/20180521/FEEL/"})
  void feelInAnySpellingTheEngineKnowsDeploysAndEvaluates(String language) throws IOException {
    String key = "feel" + Math.abs(language.hashCode());
    String dmn = table(key, "expressionLanguage=\"" + language + "\"", "expressionLanguage=\"" + language + "\"")
        .replace("namespace=", "expressionLanguage=\"" + language + "\" namespace=");
    assertThat(deploy(key + ".dmn", dmn).getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<String> result = evaluate(key, "A");
    assertThat(result.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(new ObjectMapper().readValue(result.getBody(), List.class))
        .containsExactly(Map.of("result", Map.of("type", "String", "value", "matched", "valueInfo", Map.of())));
  }

  @Test
  void theTablesInProcessesAreFeelAndPassTheGuard() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".dmn")).toList()) {
        assertThat(DmnDeploymentGuard.inspect(Files.readAllBytes(file))).as(file.toString()).isEmpty();
      }
    }
  }

  @Test
  void aForeignLanguageIsRefusedByTheFolderRedeployWithFileAndElement() throws IOException {
    Path file = Path.of(FOLDERS, "processes", "juelTable.dmn");
    try {
      Files.writeString(file, table("juelTable", "expressionLanguage=\"juel\"", ""));
      ResponseEntity<Map> response = as("admin").postForEntity("/api/admin/redeploy", null, Map.class);

      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
      assertThat((String) response.getBody().get("detail")).contains("juelTable.dmn, line ",
          "(element 'juelTable_inputExpression')", "expressionLanguage \"juel\"");
      assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("juelTable").count()).isZero();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The reported attack: a JUEL input expression that reflects its way to a static method. */
  @Test
  void theReportedJuelTableIsRefusedAtDeployAndFailsWhenPlanted() {
    String dmn = table("juelAttack", "expressionLanguage=\"juel\"", "").replace(">x<", ">" + xml(JUEL_PAYLOAD) + "<");
    ResponseEntity<Map> response = deploy("juelAttack.dmn", dmn);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) response.getBody().get("message")).contains("juelAttack.dmn", "juelAttack_inputExpression", "must be FEEL");

    GuardBypass.planted(processEngine, "juelAttack.dmn", dmn, () -> {
      ResponseEntity<String> evaluated = evaluate("juelAttack", "A");
      assertThat(evaluated.getStatusCode().is2xxSuccessful()).as("evaluation answered %s", evaluated).isFalse();

      Throwable failure = catchThrowable(() -> decisionService.evaluateDecisionTableByKey("juelAttack",
          Variables.createVariables().putValue("x", "A")));
      assertThat(ExpressionInjectionTest.causes(failure)).as("refused by the sandbox")
          .anyMatch(ExpressionRefusedException.class::isInstance);

      // loaded again from the database (another node, a restart), the table meets the guard
      ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
      configuration.getDeploymentCache().removeDecisionDefinition(
          repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("juelAttack").singleResult().getId());
      Throwable reload = catchThrowable(() -> decisionService.evaluateDecisionTableByKey("juelAttack",
          Variables.createVariables().putValue("x", "A")));
      assertThat(reload).isInstanceOf(ParseException.class).hasMessageContaining("must be FEEL");
    });
  }

  @Test
  void juelInDmnRunsInTheSandboxedExpressionManager() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    Object elProvider = configuration.getDmnEngineConfiguration().getElProvider();
    assertThat(elProvider).isInstanceOf(ProcessEngineJuelElProvider.class);
    assertThat(ReflectionTestUtils.getField(elProvider, "expressionManager")).isInstanceOf(SandboxedExpressionManager.class);
  }

  @Test
  void anExternalFeelFunctionIsRefusedAtDeploy() {
    String dmn = table("externalFunction", "", "").replace(">x<", ">" + xml(EXTERNAL_FUNCTION) + "<");
    ResponseEntity<Map> response = deploy("externalFunction.dmn", dmn);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) response.getBody().get("message")).contains("externalFunction.dmn",
        "element 'externalFunction_inputExpression'", "FEEL external functions (calls into Java) are not allowed");
    assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("externalFunction").count()).isZero();
  }

  @Test
  void theWordExternalInAFeelStringIsNoFunction() {
    assertThat(DmnDeploymentGuard.inspect(table("externalWord", "", "").replace(">\"matched\"<", ">\"external\"<")
        .getBytes())).isEmpty();
  }

  /**
   * Planted past the guard, the engine's FEEL refuses any expression with an external function, called
   * or only defined: it validates the expression before it evaluates it (external functions disabled).
   */
  @ParameterizedTest
  @ValueSource(strings = {EXTERNAL_FUNCTION, DEFINED_ONLY})
  void aPlantedExternalFeelFunctionFailsWhenEvaluated(String expression) {
    String dmn = table("plantedExternal", "", "").replace(">x<", ">" + xml(expression) + "<");
    GuardBypass.planted(processEngine, "plantedExternal.dmn", dmn, () -> {
      ResponseEntity<String> evaluated = evaluate("plantedExternal", "A");
      assertThat(evaluated.getStatusCode().is2xxSuccessful()).as("evaluation answered %s", evaluated).isFalse();

      Throwable failure = catchThrowable(() -> decisionService.evaluateDecisionTableByKey("plantedExternal",
          Variables.createVariables().putValue("x", "A")));
      assertThat(ExpressionInjectionTest.causes(failure))
          .anyMatch(e -> e.getMessage() != null && e.getMessage().contains("External functions are disabled"));
    });
  }

  private ResponseEntity<Map> deploy(String fileName, String xml) {
    return as("admin").exchange("/engine-rest/deployment/create", HttpMethod.POST,
        Requests.multipart(fileName, xml), Map.class);
  }

  private ResponseEntity<String> evaluate(String key, String x) {
    return as("admin").postForEntity("/engine-rest/decision-definition/key/" + key + "/evaluate",
        Requests.json("{\"variables\": {\"x\": {\"value\": \"" + x + "\", \"type\": \"String\"}}}"), String.class);
  }

  private static Map<?, ?> firstError(ResponseEntity<Map> response, String file) {
    Map<?, ?> details = (Map<?, ?>) ((Map<?, ?>) response.getBody().get("details")).get(file);
    return (Map<?, ?>) ((List<?>) details.get("errors")).get(0);
  }

  /**
   * A one-rule table: input {@code x} (text "x"), matched by "A", output "matched". The attributes go
   * on the input expression and the output entry.
   */
  static String table(String key, String inputExpressionAttributes, String outputEntryAttributes) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d_%1$s" name="%1$s" namespace="http://exportcontrol.org/test">
          <decision id="%1$s" name="%1$s">
            <decisionTable id="%1$s_table" hitPolicy="FIRST">
              <input id="%1$s_input" label="x">
                <inputExpression id="%1$s_inputExpression" typeRef="string" %2$s><text>x</text></inputExpression>
              </input>
              <output id="%1$s_output" name="result" typeRef="string"/>
              <rule id="%1$s_rule">
                <inputEntry id="%1$s_inputEntry"><text>"A"</text></inputEntry>
                <outputEntry id="%1$s_outputEntry" %3$s><text>"matched"</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(key, inputExpressionAttributes, outputEntryAttributes);
  }

  static String literal(String key, String attributes, String text) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d_%1$s" name="%1$s" namespace="http://exportcontrol.org/test">
          <decision id="%1$s" name="%1$s">
            <variable id="%1$s_variable" name="result" typeRef="string"/>
            <literalExpression id="%1$s_literal" %2$s><text>%3$s</text></literalExpression>
          </decision>
        </definitions>
        """.formatted(key, attributes, text);
  }

  static String xml(String text) {
    return ExpressionInjectionTest.xml(text);
  }
}
