package org.exportcontrol.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.engine.variable.Variables;
import org.exportcontrol.engine.ExpressionRefusedException;
import org.exportcontrol.engine.ProcessBeans;
import org.exportcontrol.engine.SandboxedExpressionManager;
import org.exportcontrol.support.Canary;
import org.exportcontrol.support.GuardBypass;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Expression injection: known payloads, each refused three ways. At deploy through /engine-rest (what
 * the Modeler does) and through the folder redeploy, by the deployment guard; and when it runs after
 * being planted past the guard ({@link GuardBypass}), by the expression sandbox. Every payload aims
 * at {@link Canary} instead of {@code Runtime.exec}, and the canary must never be hit.
 */
class ExpressionInjectionTest extends IntegrationTest {

  static final String CANARY = Canary.class.getName();
  /** The rest of a reflection chain from a Class object to the canary, in dots and in brackets. */
  static final String TO_CANARY = ".forName(\"" + CANARY + "\").getMethod(\"hit\").invoke(null)";
  static final String TO_CANARY_BRACKETS = "[\"forName\"](\"" + CANARY + "\")[\"getMethod\"](\"hit\")[\"invoke\"](null)";
  /** The reported attack, retargeted from Runtime.exec to the canary. */
  static final String REPRODUCTION = "${\"\"[\"class\"]" + TO_CANARY_BRACKETS + "}";

  /** Variables every planted process starts with, for payloads that build names from variables. */
  static final Map<String, Object> VARIABLES = Map.of("x", "", "y", "class", "name", CANARY, "m", "hit");

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired ApplicationContext context;
  @Autowired ProcessBeans processBeans;

  /** Where in a diagram the payload goes; the last three are element text, not attributes. */
  enum Placement {
    SERVICE_TASK_EXPRESSION(false, """
        <bpmn:sequenceFlow id="toStep" sourceRef="started" targetRef="step"/>
        <bpmn:serviceTask id="step" camunda:expression="%s"/>
        <bpmn:sequenceFlow id="toDone" sourceRef="step" targetRef="done"/>"""),
    EXECUTION_LISTENER(false, """
        <bpmn:sequenceFlow id="toStep" sourceRef="started" targetRef="step"/>
        <bpmn:manualTask id="step"><bpmn:extensionElements>
          <camunda:executionListener event="start" expression="%s"/>
        </bpmn:extensionElements></bpmn:manualTask>
        <bpmn:sequenceFlow id="toDone" sourceRef="step" targetRef="done"/>"""),
    TASK_LISTENER(false, """
        <bpmn:sequenceFlow id="toStep" sourceRef="started" targetRef="step"/>
        <bpmn:userTask id="step"><bpmn:extensionElements>
          <camunda:taskListener event="create" expression="%s"/>
        </bpmn:extensionElements></bpmn:userTask>
        <bpmn:sequenceFlow id="toDone" sourceRef="step" targetRef="done"/>"""),
    ASSIGNEE(false, """
        <bpmn:sequenceFlow id="toStep" sourceRef="started" targetRef="step"/>
        <bpmn:userTask id="step" camunda:assignee="%s"/>
        <bpmn:sequenceFlow id="toDone" sourceRef="step" targetRef="done"/>"""),
    CONDITION(true, """
        <bpmn:sequenceFlow id="toStep" sourceRef="started" targetRef="step"/>
        <bpmn:exclusiveGateway id="step" default="otherwise"/>
        <bpmn:sequenceFlow id="toDone" sourceRef="step" targetRef="done">
          <bpmn:conditionExpression>%s</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="otherwise" sourceRef="step" targetRef="done"/>"""),
    INPUT_PARAMETER(true, """
        <bpmn:sequenceFlow id="toStep" sourceRef="started" targetRef="step"/>
        <bpmn:userTask id="step"><bpmn:extensionElements><camunda:inputOutput>
          <camunda:inputParameter name="mapped">%s</camunda:inputParameter>
        </camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>
        <bpmn:sequenceFlow id="toDone" sourceRef="step" targetRef="done"/>"""),
    TIMER_DURATION(true, """
        <bpmn:sequenceFlow id="toStep" sourceRef="started" targetRef="step"/>
        <bpmn:intermediateCatchEvent id="step"><bpmn:timerEventDefinition>
          <bpmn:timeDuration>%s</bpmn:timeDuration>
        </bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="toDone" sourceRef="step" targetRef="done"/>""");

    final boolean elementText;
    final String body;

    Placement(boolean elementText, String body) {
      this.elementText = elementText;
      this.body = body;
    }

    String diagram(String key, String expression) {
      return process(key, body.formatted(xml(expression)));
    }
  }

  /** How a planted payload fails when it runs: refused by the sandbox, or by the engine before it gets anywhere. */
  enum AtRunTime { SANDBOX, ENGINE }

  record Payload(String id, String name, String expression, Placement placement, AtRunTime atRunTime, String reason) {
    @Override
    public String toString() {
      return id + " " + name + " (" + placement + ")";
    }
  }

  static Stream<Payload> payloads() {
    String dots = TO_CANARY;
    String brackets = TO_CANARY_BRACKETS;
    return Stream.of(
        p("p01", "the reported attack, brackets", REPRODUCTION, Placement.SERVICE_TASK_EXPRESSION,
            "properties may only be read directly from a variable or bean: 'class' of a literal"),
        p("p02", "getClass chain", "${\"\".getClass()" + dots + "}", Placement.CONDITION,
            "reflection is not allowed"),
        p("p03", ".class property", "${\"\".class" + dots + "}", Placement.INPUT_PARAMETER,
            "reflection is not allowed"),
        p("p04", "dots and brackets mixed", "${\"\"[\"class\"].forName(\"" + CANARY + "\")[\"getMethod\"](\"hit\").invoke(null)}",
            Placement.TIMER_DURATION, "method 'forName'"),
        new Payload("p05", "name built with +", "${\"\"[\"cl\"+\"ass\"]" + brackets + "}", Placement.EXECUTION_LISTENER,
            AtRunTime.ENGINE, "names built at run time are not allowed"),
        p("p06", "name built with concat", "${\"\"[\"cl\".concat(\"ass\")]" + brackets + "}", Placement.ASSIGNEE,
            "names built at run time are not allowed"),
        p("p07", "concat trick on a literal", "${\"\".concat(\"\").getClass()" + dots + "}", Placement.SERVICE_TASK_EXPRESSION,
            "'concat' on a literal"),
        p("p08", "names from variables x[y]", "${x[y]" + brackets + "}", Placement.CONDITION,
            "names built at run time are not allowed"),
        p("p09", "nested brackets and parentheses", "${((x)[(y)])[\"forName\"](name)[\"getMethod\"](m)[\"invoke\"](null)}",
            Placement.INPUT_PARAMETER, "names built at run time are not allowed"),
        p("p10", "method on a variable", "${name.getClass()" + dots + "}", Placement.TIMER_DURATION,
            "'getClass' on 'name'"),
        p("p11", "method on execution", "${execution.getClass()" + dots + "}", Placement.SERVICE_TASK_EXPRESSION,
            "'getClass' on 'execution'"),
        p("p12", "execution's engine services, dots", "${execution.processEngineServices.runtimeService}",
            Placement.EXECUTION_LISTENER, "execution and task may only be passed to a bean"),
        p("p13", "execution's engine services, brackets", "${execution[\"processEngineServices\"][\"repositoryService\"]}",
            Placement.CONDITION, "execution and task may only be passed to a bean"),
        p("p14", "execution's getter called", "${execution.getProcessEngine()}", Placement.ASSIGNEE,
            "'getProcessEngine' on 'execution'"),
        p("p15", "task's execution", "${task.execution.processEngineServices}", Placement.TASK_LISTENER,
            "execution and task may only be passed to a bean"),
        p("p16", "method on task", "${task.getExecution().getClass()" + dots + "}", Placement.TASK_LISTENER,
            "'getExecution' on 'task'"),
        p("p17", "method on authenticatedUserId", "${authenticatedUserId.getClass()" + dots + "}",
            Placement.SERVICE_TASK_EXPRESSION, "'getClass' on 'authenticatedUserId'"),
        new Payload("p18", "java.lang type", "${java.lang.Runtime.getRuntime()}", Placement.CONDITION,
            AtRunTime.ENGINE, "method 'getRuntime'"),
        new Payload("p19", "a class by its package name", "${org.exportcontrol.support.Canary.hit()}",
            Placement.EXECUTION_LISTENER, AtRunTime.ENGINE, "'hit' on the result of a property read"),
        p("p20", "dateTime().getClass()", "${dateTime().getClass()" + dots + "}", Placement.TIMER_DURATION,
            "'getClass' on the result of dateTime()"),
        p("p21", "S(\"{}\").class", "${S(\"{}\").class" + dots + "}", Placement.INPUT_PARAMETER,
            "'class' of the result of S()"),
        p("p22", "sla.getClass()", "${sla.getClass()" + dots + "}", Placement.SERVICE_TASK_EXPRESSION,
            "method 'getClass'"),
        p("p23", "sendEmail.class", "${sendEmail.class" + dots + "}", Placement.ASSIGNEE,
            "property 'class'"),
        p("p24", "bean with brackets", "${sla[\"class\"]" + brackets + "}", Placement.CONDITION,
            "property 'class'"),
        p("p25", "class loader from a bean",
            "${licenseStatus.getClass().getClassLoader().loadClass(\"" + CANARY + "\").getMethod(\"hit\").invoke(null)}",
            Placement.TIMER_DURATION, "method 'getClassLoader'"),
        p("p26", "property of a bean, then a method", "${sla.suspensionReview.getClass()" + dots + "}",
            Placement.EXECUTION_LISTENER, "'getClass' on the result of a property read"),
        p("p27", "safe property, then a method", "${execution.processBusinessKey.getClass()" + dots + "}",
            Placement.INPUT_PARAMETER, "'getClass' on the result of a property read"),
        p("p28", "payload as the argument of an allowed call", "${licenseStatus.isActive(\"\".getClass()" + dots + ")}",
            Placement.CONDITION, "method 'getClass'"),
        p("p29", "payload as the argument of an engine function", "${S(name.getClass().forName(name).getMethod(m).invoke(null))}",
            Placement.SERVICE_TASK_EXPRESSION, "'getClass' on 'name'"),
        p("p30", "inside a conditional", "${true ? \"\".getClass()" + dots + " : null}", Placement.ASSIGNEE,
            "method 'getClass'"),
        p("p31", "behind empty", "${empty \"\".getClass()" + dots + "}", Placement.CONDITION, "method 'getClass'"),
        p("p32", "Object's methods on a bean", "${sla.wait()}", Placement.EXECUTION_LISTENER, "method 'wait'"),
        p("p33", "deferred syntax", "#{\"\".getClass()" + dots + "}", Placement.TIMER_DURATION, "method 'getClass'"),
        p("p34", "text around the expression", "PT1H${\"\".getClass()" + dots + "}", Placement.INPUT_PARAMETER,
            "method 'getClass'"),
        p("p35", "engine internals by name", "${execution.processEngine}", Placement.TASK_LISTENER,
            "property 'processEngine'"));
  }

  private static Payload p(String id, String name, String expression, Placement placement, String reason) {
    return new Payload(id, name, expression, placement, AtRunTime.SANDBOX, reason);
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
  @MethodSource("payloads")
  void refusedAtDeployThroughEngineRest(Payload payload) {
    String key = "rest_" + payload.id();
    ResponseEntity<Map> response = deploy(key + ".bpmn", payload.placement().diagram(key, payload.expression()));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    String message = (String) response.getBody().get("message");
    assertThat(message).contains("Refused by the deployment guard", "line ", payload.reason());
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("payloads")
  void refusedByTheFolderRedeploy(Payload payload) throws IOException {
    String key = "folder_" + payload.id();
    Path file = Path.of(FOLDERS, "processes", key + ".bpmn");
    try {
      Files.writeString(file, payload.placement().diagram(key, payload.expression()));
      ResponseEntity<Map> response = as("admin").postForEntity("/api/admin/redeploy", null, Map.class);

      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
      assertThat((String) response.getBody().get("detail")).contains(key + ".bpmn", "line ", payload.reason());
      assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("payloads")
  void refusedWhenItRunsAfterBypassingTheGuard(Payload payload) {
    String key = "planted_" + payload.id();
    GuardBypass.planted(processEngine, key + ".bpmn", payload.placement().diagram(key, payload.expression()), () -> {
      Throwable failure = startAsAdmin(key);

      assertThat(failure).as("starting the process fails").isInstanceOf(ProcessEngineException.class);
      if (payload.atRunTime() == AtRunTime.SANDBOX) {
        assertThat(causes(failure)).as("refused by the sandbox")
            .anyMatch(ExpressionRefusedException.class::isInstance);
      }
      assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(key).count()).isZero();
    });
  }

  /** The reported attack in every place an expression can sit, attribute or element text. */
  @ParameterizedTest
  @EnumSource(Placement.class)
  void theReportedAttackIsRefusedWhereverItIs(Placement placement) {
    String key = "everywhere_" + placement.name().toLowerCase();
    ResponseEntity<Map> response = deploy(key + ".bpmn", placement.diagram(key, REPRODUCTION));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) response.getBody().get("message")).contains("line ", "reflection is not allowed");

    GuardBypass.planted(processEngine, key + ".bpmn", placement.diagram(key, REPRODUCTION), () -> {
      assertThat(causes(startAsAdmin(key))).anyMatch(ExpressionRefusedException.class::isInstance);
    });
  }

  /**
   * A payload whose only place is element text, with harmless attributes around it: if the guard
   * stopped reading element text (conditions, input parameters and timers live there), this fails.
   */
  @Test
  void aPayloadOnlyInElementTextIsRefused() {
    assertThat(Placement.INPUT_PARAMETER.elementText).isTrue();
    String diagram = Placement.INPUT_PARAMETER.diagram("elementTextOnly", REPRODUCTION);
    assertThat(diagram).doesNotContain("=\"" + xml(REPRODUCTION));

    ResponseEntity<Map> response = deploy("elementTextOnly.bpmn", diagram);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) response.getBody().get("message")).contains("line 10: <inputParameter>", "reflection is not allowed");
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("elementTextOnly").count()).isZero();
  }

  /** The canary is a real target: the engine's expression manager as it was before the sandbox calls it. */
  @Test
  void withoutTheSandboxTheReportedAttackReachesTheCanary() {
    JuelExpressionManager unsandboxed = new SpringExpressionManager(context, processBeans);
    unsandboxed.createValueExpression(REPRODUCTION).getValue(unsandboxed.createElContext(Variables.emptyVariableContext()));
    assertThat(Canary.hits()).isEqualTo(1);
    Canary.reset();

    JuelExpressionManager sandboxed = new SandboxedExpressionManager(context, processBeans);
    assertThatThrownBy(() -> sandboxed.createValueExpression(REPRODUCTION)
        .getValue(sandboxed.createElContext(Variables.emptyVariableContext())))
        .isInstanceOf(ExpressionRefusedException.class)
        .hasMessage("Refused by the expression sandbox: 'class' on java.lang.String is not allowed");
  }

  /** In a job, a refused expression fails the job like any error: retries, then an incident with the reason. */
  @Test
  void aRefusedExpressionInAJobEndsInAnIncident() {
    String key = "plantedAsync";
    String diagram = process(key, """
        <bpmn:sequenceFlow id="toStep" sourceRef="started" targetRef="step"/>
        <bpmn:serviceTask id="step" camunda:asyncBefore="true" camunda:expression="%s"/>
        <bpmn:sequenceFlow id="toDone" sourceRef="step" targetRef="done"/>""".formatted(xml(REPRODUCTION)));
    GuardBypass.planted(processEngine, key + ".bpmn", diagram, () -> {
      ProcessInstance instance = runtimeService.startProcessInstanceByKey(key);
      Job job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
      // the retry cycle (R3) decides the retries on the first failure; run it until they are used up
      for (int attempt = 0; attempt < 3; attempt++) {
        assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(ProcessEngineException.class);
      }

      Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
      assertThat(incident).isNotNull();
      assertThat(incident.getIncidentMessage()).contains("Refused by the expression sandbox", "'class'");
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult())
          .as("the instance waits at the step").isNotNull();
    });
  }

  /** A script condition runs in the engine's JUEL script engine, outside the sandbox: refused, and no script engine anyway. */
  @Test
  void aScriptConditionIsRefusedAtDeployAndCannotRun() {
    String key = "scriptCondition";
    String diagram = process(key, """
        <bpmn:sequenceFlow id="toStep" sourceRef="started" targetRef="step"/>
        <bpmn:exclusiveGateway id="step" default="otherwise"/>
        <bpmn:sequenceFlow id="toDone" sourceRef="step" targetRef="done">
          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="juel">%s</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="otherwise" sourceRef="step" targetRef="done"/>""".formatted(xml("${true}")));

    ResponseEntity<Map> response = deploy(key + ".bpmn", diagram);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) response.getBody().get("message")).contains("line 11", "script conditions are not allowed");

    GuardBypass.planted(processEngine, key + ".bpmn", diagram, () -> {
      assertThat(causes(startAsAdmin(key))).anyMatch(e -> e instanceof ExpressionRefusedException
          && e.getMessage().contains("script language 'juel'"));
    });
  }

  /** What the diagrams in processes/ use still deploys and runs: bean properties and calls, the business key, comparisons. */
  @Test
  void allowedExpressionsDeployAndRun() {
    String key = "allowedExpressions";
    String diagram = process(key, """
        <bpmn:sequenceFlow id="toCheck" sourceRef="started" targetRef="check"/>
        <bpmn:exclusiveGateway id="check" default="toDone"/>
        <bpmn:sequenceFlow id="toWait" sourceRef="check" targetRef="wait">
          <bpmn:conditionExpression>${x == 'A' &amp;&amp; y != 'B'}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="toDone" sourceRef="check" targetRef="done"/>
        <bpmn:intermediateCatchEvent id="wait">
          <bpmn:extensionElements><camunda:inputOutput>
            <camunda:inputParameter name="caseKey">#{execution.processBusinessKey}</camunda:inputParameter>
          </camunda:inputOutput></bpmn:extensionElements>
          <bpmn:timerEventDefinition><bpmn:timeDuration>${sla.suspensionReview}</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="toLicense" sourceRef="wait" targetRef="license"/>
        <bpmn:exclusiveGateway id="license"/>
        <bpmn:sequenceFlow id="toActive" sourceRef="license" targetRef="active">
          <bpmn:conditionExpression>${licenseStatus.isActive(licenseNumber)}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="toInactive" sourceRef="license" targetRef="inactive">
          <bpmn:conditionExpression>${!licenseStatus.isActive(licenseNumber)}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:endEvent id="active"/>
        <bpmn:endEvent id="inactive"/>""");
    ResponseEntity<Map> response = deploy(key + ".bpmn", diagram);
    assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);

    ProcessInstance instance = runtimeService.startProcessInstanceByKey(key, "case-42",
        Map.of("x", "A", "y", "C", "licenseNumber", "NO-SUCH-LICENSE"));
    Job timer = managementService.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    assertThat(timer).as("the comparison chose the timer").isNotNull();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("caseKey").singleResult().getValue()).isEqualTo("case-42");

    managementService.executeJob(timer.getId());
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId("inactive").count()).as("the bean said the license is not active").isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  /** Starts the process as the administrator would (so authenticatedUserId resolves); answers what it threw. */
  private Throwable startAsAdmin(String key) {
    List<String> groups = identityService.createGroupQuery().groupMember("admin").list().stream().map(Group::getId).toList();
    identityService.setAuthentication("admin", groups);
    try {
      return catchThrowable(() -> runtimeService.startProcessInstanceByKey(key, "case-1", VARIABLES));
    } finally {
      identityService.clearAuthentication();
    }
  }

  private ResponseEntity<Map> deploy(String fileName, String xml) {
    return as("admin").exchange("/engine-rest/deployment/create", HttpMethod.POST,
        Requests.multipart(fileName, xml), Map.class);
  }

  static List<Throwable> causes(Throwable failure) {
    return Stream.iterate(failure, t -> t != null, Throwable::getCause).toList();
  }

  /** A process from a start event 'started' to an end event 'done', with the body in between. */
  static String process(String key, String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                          id="d_%1$s" targetNamespace="http://exportcontrol.org/test">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="started"/>
        %2$s
            <bpmn:endEvent id="done"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, body.indent(4).stripTrailing());
  }

  static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
