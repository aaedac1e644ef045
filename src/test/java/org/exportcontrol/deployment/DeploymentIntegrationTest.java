package org.exportcontrol.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.exportcontrol.support.IntegrationTest;
import org.exportcontrol.support.Requests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Deploying is running code: what may be deployed, by whom, and how a refusal reads. */
class DeploymentIntegrationTest extends IntegrationTest {

  @Autowired RepositoryService repositoryService;

  @Test
  void aScriptTaskIsRefusedAtDeploy() {
    assertRefused("withScript", "<bpmn:scriptTask id=\"step\" scriptFormat=\"javascript\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>",
        "script tasks are not allowed");
  }

  @Test
  void aScriptListenerIsRefusedAtDeploy() {
    assertRefused("withScriptListener", """
        <bpmn:manualTask id="step"><bpmn:extensionElements>
          <camunda:executionListener event="start"><camunda:script scriptFormat="groovy">x</camunda:script></camunda:executionListener>
        </bpmn:extensionElements></bpmn:manualTask>""", "scripts are not allowed");
  }

  @Test
  void aJavaClassIsRefusedAtDeploy() {
    assertRefused("withClass", "<bpmn:serviceTask id=\"step\" camunda:class=\"java.lang.Runtime\"/>",
        "Java classes are not allowed");
    assertRefused("withListenerClass", """
        <bpmn:userTask id="step"><bpmn:extensionElements>
          <camunda:taskListener event="create" class="com.example.Evil"/>
        </bpmn:extensionElements></bpmn:userTask>""", "Java classes are not allowed");
  }

  @Test
  void aBeanOutsideTheAllowListIsRefusedAtDeploy() {
    assertRefused("withDataSource", "<bpmn:serviceTask id=\"step\" camunda:delegateExpression=\"${dataSource}\"/>",
        "bean 'dataSource' is not allowed");
    assertRefused("withMailSender", "<bpmn:serviceTask id=\"step\" camunda:expression=\"${mailSender.send(null)}\"/>",
        "may only be called on an allowed bean");
    assertRefused("withReflection", "<bpmn:serviceTask id=\"step\" camunda:expression=\"${''.getClass().forName('x')}\"/>",
        "reflection is not allowed");
    assertRefused("withEngineAccess",
        "<bpmn:serviceTask id=\"step\" camunda:expression=\"${execution.processEngineServices.runtimeService}\"/>",
        "execution and task may only be passed to a bean");
  }

  @Test
  void aConnectorIsRefusedAtDeploy() {
    assertRefused("withConnector", """
        <bpmn:serviceTask id="step"><bpmn:extensionElements>
          <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>
        </bpmn:extensionElements></bpmn:serviceTask>""", "connectors are not allowed");
  }

  @Test
  void anAllowedBeanAndPlainConditionsDeploy() {
    String allowed = "<bpmn:serviceTask id=\"step\" camunda:asyncBefore=\"true\" camunda:delegateExpression=\"${sendEmail}\"/>";
    ResponseEntity<Map> response = deploy("admin", "allowedBean.bpmn", Requests.process("allowedBean", allowed));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("allowedBean").count()).isEqualTo(1);
  }

  @Test
  void aBrokenDiagramIsAnswered400WithTheParsersMessageAndLine() {
    String broken = Requests.minimalProcess("brokenXml").replace("</bpmn:process>", "</bpmn:proces>");
    ResponseEntity<Map> response = deploy("admin", "broken.bpmn", broken);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) response.getBody().get("message")).contains("must be terminated by the matching end-tag");
    Map<?, ?> details = (Map<?, ?>) ((Map<?, ?>) response.getBody().get("details")).get("broken.bpmn");
    Map<?, ?> error = (Map<?, ?>) ((List<?>) details.get("errors")).get(0);
    assertThat(error.get("line")).isEqualTo(11);
  }

  @Test
  void theRedeployEndpointIsForAdminsOnly() {
    assertThat(as("tech").postForEntity("/api/admin/redeploy", null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as("exporter").postForEntity("/api/admin/redeploy", null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<Map> response = as("admin").postForEntity("/api/admin/redeploy", null, Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).containsEntry("newVersions", List.of());
  }

  @Test
  void theRedeployEndpointDeploysAChangedFileAndRefusesABrokenOneDeployingNothing() throws IOException {
    Path processes = Path.of(FOLDERS, "processes");
    Path added = processes.resolve("redeployProbe.bpmn");
    Path broken = processes.resolve("zzBroken.bpmn");
    try {
      Files.writeString(added, Requests.minimalProcess("redeployProbe"));
      ResponseEntity<Map> first = as("admin").postForEntity("/api/admin/redeploy", null, Map.class);
      assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat((List<Object>) first.getBody().get("newVersions"))
          .contains(Map.of("type", "process", "key", "redeployProbe", "version", 1));
      assertThat((List<Object>) first.getBody().get("changedResources")).containsExactly("redeployProbe.bpmn");

      // a changed file and a broken one in the same call: the broken one stops both
      Files.writeString(added, Requests.process("redeployProbe", "<bpmn:userTask id=\"step\"/>"));
      Files.writeString(broken, Requests.process("zzBroken", "<bpmn:scriptTask id=\"step\"/>"));
      ResponseEntity<Map> refused = as("admin").postForEntity("/api/admin/redeploy", null, Map.class);
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
      assertThat((String) refused.getBody().get("detail")).contains("zzBroken.bpmn", "line 8", "script tasks are not allowed");
      assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("redeployProbe")
          .latestVersion().singleResult().getVersion()).isEqualTo(1);

      Files.delete(broken);
      ResponseEntity<Map> second = as("admin").postForEntity("/api/admin/redeploy", null, Map.class);
      assertThat((List<Object>) second.getBody().get("newVersions"))
          .containsExactly(Map.of("type", "process", "key", "redeployProbe", "version", 2));
      // Tasklist's "(v. N)" is the version tag: it follows the changed diagram (issue 16, 10)
      assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("redeployProbe")
          .orderByProcessDefinitionVersion().asc().list()).extracting(d -> d.getVersionTag()).containsExactly("1", "2");
    } finally {
      Files.deleteIfExists(added);
      Files.deleteIfExists(broken);
    }
  }

  private void assertRefused(String key, String middle, String reason) {
    ResponseEntity<Map> response = deploy("admin", key + ".bpmn", Requests.process(key, middle));
    assertThat(response.getStatusCode()).as(key).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) response.getBody().get("message")).as(key).contains(reason);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).as(key).isZero();
  }

  private ResponseEntity<Map> deploy(String user, String fileName, String xml) {
    return as(user).exchange("/engine-rest/deployment/create", HttpMethod.POST,
        Requests.multipart(fileName, xml), Map.class);
  }
}
