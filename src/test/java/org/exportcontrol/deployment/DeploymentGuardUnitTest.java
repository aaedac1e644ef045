package org.exportcontrol.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Parse;
import org.camunda.bpm.engine.impl.util.xml.Parser;
import org.junit.jupiter.api.Test;

/**
 * The deployment guard on diagrams parsed by the engine's XML parser, without an engine: each refused
 * construct with its line and reason, in attributes and in element text alike (issue 22, 1).
 */
class DeploymentGuardUnitTest {

  static final String HEAD = """
      <bpmn:definitions id="d" xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:activiti="http://activiti.org/bpmn"
          targetNamespace="t">
      <bpmn:process id="p" isExecutable="true">
      """;
  static final String TAIL = "\n</bpmn:process>\n</bpmn:definitions>";

  static final Set<String> ALLOWED = Set.of("sendEmail", "sla");

  final DeploymentGuard guard = new DeploymentGuard(() -> ALLOWED);

  static Element parse(String body) {
    Parser parser = new Parser() {
      @Override
      public Parse createParse() {
        return new Parse(this) {};
      }

      /** Namespace-aware, as the engine's BPMN parser reads a diagram (without its schema validation). */
      @Override
      protected javax.xml.parsers.SAXParserFactory getSaxParserFactoryLazily() {
        javax.xml.parsers.SAXParserFactory factory = javax.xml.parsers.SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        try {
          factory.setFeature("http://xml.org/sax/features/namespace-prefixes", true);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return factory;
      }
    };
    return parser.createParse().sourceString(HEAD + body + TAIL).execute().getRootElement();
  }

  /** The guard's message, or null when it lets the diagram through. */
  String refusal(String body) {
    Element root = parse(body);
    BpmnParseException refused = catchThrowableOfType(BpmnParseException.class,
        () -> guard.parseRootElement(root, List.of()));
    return refused == null ? null : refused.getMessage();
  }

  @Test
  void aDiagramOfAllowedConstructsPasses() {
    assertThat(refusal("""
        <bpmn:startEvent id="s"/>
        <bpmn:serviceTask id="mail" camunda:delegateExpression=" ${sendEmail} ">
          <bpmn:extensionElements><camunda:inputOutput>
            <camunda:inputParameter name="emailTo">${applicant}</camunda:inputParameter>
            <camunda:inputParameter name="plain">no expression here</camunda:inputParameter>
          </camunda:inputOutput></bpmn:extensionElements>
        </bpmn:serviceTask>
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="mail">
          <bpmn:conditionExpression>${sla.isActive(x)}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:userTask id="t" camunda:candidateGroups="reviewers">
          <bpmn:extensionElements>
            <camunda:taskListener event="create" delegateExpression="#{sla}"/>
          </bpmn:extensionElements>
        </bpmn:userTask>""")).isNull();
  }

  @Test
  void scriptTasksScriptsAndConnectorsAreRefusedWithTheirLines() {
    assertThat(refusal("""
        <bpmn:scriptTask id="script" scriptFormat="groovy"/>
        <bpmn:serviceTask id="http">
          <bpmn:extensionElements>
            <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>
            <camunda:executionListener event="start"><camunda:script scriptFormat="js">1</camunda:script></camunda:executionListener>
          </bpmn:extensionElements>
        </bpmn:serviceTask>""")).isEqualTo("""
        Refused by the deployment guard:
          line 5: 'script': script tasks are not allowed
          line 8: <connector>: connectors are not allowed
          line 9: <script>: scripts are not allowed (listener or input/output mapping)""");
  }

  @Test
  void aCamundaElementNamedLikeABpmnOneIsNoScriptTask() {
    assertThat(refusal("<bpmn:task id=\"t\"><bpmn:extensionElements><camunda:scriptTask/></bpmn:extensionElements></bpmn:task>"))
        .isNull();
    assertThat(refusal("<bpmn:task id=\"t\"><bpmn:extensionElements><bpmn:script/><bpmn:connector/></bpmn:extensionElements></bpmn:task>"))
        .isNull();
  }

  @Test
  void javaClassesAreRefusedOnTasksAndOnListeners() {
    assertThat(refusal("""
        <bpmn:serviceTask id="a" camunda:class="org.example.Evil"/>
        <bpmn:serviceTask id="b" activiti:class="org.example.Old"/>
        <bpmn:userTask id="c"><bpmn:extensionElements>
          <camunda:taskListener event="create" class="org.example.Listener"/>
        </bpmn:extensionElements></bpmn:userTask>
        <bpmn:task id="plain" class="css-class-is-harmless"/>""")).isEqualTo("""
        Refused by the deployment guard:
          line 5: 'a': Java classes are not allowed (class="org.example.Evil"); use a delegate expression naming an allowed bean
          line 6: 'b': Java classes are not allowed (class="org.example.Old"); use a delegate expression naming an allowed bean
          line 8: <taskListener>: Java classes are not allowed (class="org.example.Listener"); use a delegate expression naming an allowed bean""");
  }

  @Test
  void aScriptConditionIsRefusedButALanguageOnACamundaElementIsNot() {
    assertThat(refusal("""
        <bpmn:sequenceFlow id="f" sourceRef="a" targetRef="b">
          <bpmn:conditionExpression language="juel">${true}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>""")).isEqualTo("""
        Refused by the deployment guard:
          line 6: <conditionExpression>: script conditions are not allowed (language="juel"); write a plain expression""");
    assertThat(refusal("<bpmn:task id=\"t\"><bpmn:extensionElements><camunda:field name=\"x\" language=\"y\"/>"
        + "</bpmn:extensionElements></bpmn:task>")).isNull();
  }

  @Test
  void aDelegateExpressionNamesOneAllowedBean() {
    assertThat(refusal("""
        <bpmn:serviceTask id="a" camunda:delegateExpression="${mailSender}"/>
        <bpmn:serviceTask id="b" camunda:delegateExpression="${sendEmail.inner}"/>
        <bpmn:serviceTask id="c" camunda:delegateExpression="sendEmail"/>
        <bpmn:serviceTask id="d" camunda:delegateExpression="${sendEmail}x"/>
        <bpmn:userTask id="e"><bpmn:extensionElements>
          <camunda:taskListener event="create" delegateExpression="${other}"/>
        </bpmn:extensionElements></bpmn:userTask>""")).isEqualTo("""
        Refused by the deployment guard:
          line 5: 'a': bean 'mailSender' is not allowed in diagrams; allowed: %s
          line 6: 'b': a delegate expression must name one bean, like ${sendEmail}
          line 7: 'c': a delegate expression must name one bean, like ${sendEmail}
          line 8: 'd': a delegate expression must name one bean, like ${sendEmail}
          line 10: <taskListener>: bean 'other' is not allowed in diagrams; allowed: %s"""
        .formatted(ALLOWED, ALLOWED));
  }

  @Test
  void aDelegateExpressionAttributeOutsideCamundasNamespaceIsAnOrdinaryValue() {
    assertThat(refusal("<bpmn:task id=\"t\" delegateExpression=\"${mailSender}\"/>")).isNull();
    assertThat(refusal("<bpmn:task id=\"t\" delegateExpression=\"${x.class}\"/>")).contains(
        "line 5: 't': reflection is not allowed in expressions, nor are the engine's or Spring's internals: "
            + "property 'class' in ${x.class}");
  }

  @Test
  void expressionsInElementTextAreJudgedLikeAttributes() {
    assertThat(refusal("""
        <bpmn:sequenceFlow id="f" sourceRef="a" targetRef="b">
          <bpmn:conditionExpression>
            ${x.class}
          </bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:serviceTask id="s" camunda:expression="${sla.run()}"><bpmn:extensionElements><camunda:inputOutput>
          <camunda:inputParameter name="p">#{''.getClass()}</camunda:inputParameter>
        </camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>
        <bpmn:intermediateCatchEvent id="timer"><bpmn:timerEventDefinition>
          <bpmn:timeDuration>${execution.variables}</bpmn:timeDuration>
        </bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>""")).isEqualTo("""
        Refused by the deployment guard:
          line 6: <conditionExpression>: reflection is not allowed in expressions, nor are the engine's or Spring's internals: property 'class' in ${x.class}
          line 11: <inputParameter>: reflection is not allowed in expressions, nor are the engine's or Spring's internals: method 'getClass'; methods may only be called on an allowed bean: 'getClass' on a literal (allowed beans: %s) in #{''.getClass()}
          line 14: <timeDuration>: execution and task may only be passed to a bean or read for %s: 'execution.variables' in ${execution.variables}"""
        .formatted(ALLOWED, org.exportcontrol.engine.ExpressionPolicy.SAFE_ENGINE_PROPERTIES));
  }

  @Test
  void textWithoutAnExpressionIsNotParsed() {
    assertThat(refusal("<bpmn:task id=\"t\" name=\"costs {x} and $y and #z\"><bpmn:documentation>a.class ${ </bpmn:documentation></bpmn:task>"))
        .isEqualTo("""
            Refused by the deployment guard:
              line 5: <documentation>: cannot be parsed: %s in a.class ${"""
            .formatted(new org.exportcontrol.engine.ExpressionPolicy(Set::of).check("a.class ${ ").get(0)
                .substring("cannot be parsed: ".length())));
  }

  @Test
  void theFirstRefusedElementIsTheOneTheParserReports() {
    Element root = parse("<bpmn:task id=\"first\" camunda:class=\"A\"/>\n<bpmn:task id=\"second\" camunda:class=\"B\"/>");
    assertThatThrownBy(() -> guard.parseRootElement(root, List.of())).isInstanceOf(BpmnParseException.class)
        .satisfies(e -> assertThat(((BpmnParseException) e).getElement().attribute("id")).isEqualTo("first"));
  }
}
