package org.exportcontrol.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.exportcontrol.support.Boot;
import org.exportcontrol.support.ExpectedErrors;
import org.exportcontrol.support.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** Start-up deploys the folders: once, again only what changed, and never a broken file. */
class StartupDeploymentTest {

  /** A start that must fail still reports why, once, as in production; off the build's console. */
  @RegisterExtension final ExpectedErrors errors = new ExpectedErrors();

  @TempDir Path dir;

  @Test
  void startupDeploysTheFoldersAndARestartOnlyWhatChanged() throws IOException {
    Path processes = Files.createDirectories(dir.resolve("processes"));
    Path forms = Files.createDirectories(dir.resolve("forms"));
    Files.writeString(processes.resolve("first.bpmn"), Requests.minimalProcess("first"));
    Files.writeString(processes.resolve("second.bpmn"), Requests.minimalProcess("second"));
    Files.writeString(forms.resolve("firstForm.form"), """
        {"id": "firstForm", "type": "default", "components": [{"key": "comment", "label": "Comment", "type": "textfield"}]}
        """);
    String[] args = args(processes, forms);

    try (ConfigurableApplicationContext app = Boot.start("demo", args)) {
      RepositoryService repository = app.getBean(RepositoryService.class);
      assertThat(versions(repository, "first")).containsExactly(1);
      assertThat(versions(repository, "second")).containsExactly(1);
      String deploymentId = repository.createProcessDefinitionQuery().processDefinitionKey("first").singleResult()
          .getDeploymentId();
      assertThat(repository.getDeploymentResourceNames(deploymentId))
          .containsExactlyInAnyOrder("first.bpmn", "second.bpmn", "firstForm.form");
      assertThat(repository.createDeploymentQuery().deploymentId(deploymentId).singleResult().getName())
          .isEqualTo(FolderDeployer.DEPLOYMENT_NAME);
    }

    try (ConfigurableApplicationContext app = Boot.start("demo", args)) {
      RepositoryService repository = app.getBean(RepositoryService.class);
      assertThat(repository.createDeploymentQuery().count()).as("unchanged files make no deployment").isEqualTo(1);
      assertThat(versions(repository, "first")).containsExactly(1);
    }

    Files.writeString(processes.resolve("first.bpmn"), Requests.process("first", "<bpmn:userTask id=\"step\"/>"));
    try (ConfigurableApplicationContext app = Boot.start("demo", args)) {
      RepositoryService repository = app.getBean(RepositoryService.class);
      assertThat(versions(repository, "first")).as("the changed diagram").containsExactly(1, 2);
      assertThat(versions(repository, "second")).as("the unchanged one").containsExactly(1);
    }
  }

  @Test
  void aBrokenFileStopsTheStartWithItsNameLineAndProblem() throws IOException {
    errors.expect("org.springframework.boot.SpringApplication");
    Path processes = Files.createDirectories(dir.resolve("processes"));
    Path forms = Files.createDirectories(dir.resolve("forms"));
    Files.writeString(processes.resolve("fine.bpmn"), Requests.minimalProcess("fine"));
    Files.writeString(processes.resolve("broken.bpmn"),
        Requests.minimalProcess("broken").replace("<bpmn:endEvent id=\"done\"/>", "<bpmn:endEvent id=\"done\">"));

    assertThatThrownBy(() -> Boot.start("demo", List.of(errors.keptThroughStart()), args(processes, forms)).close())
        .isInstanceOf(DeploymentRefusedException.class)
        .hasRootCauseInstanceOf(org.camunda.bpm.engine.ParseException.class)
        .hasMessageContaining("broken.bpmn, line 11")
        .hasMessageContaining("must be terminated by the matching end-tag");
  }

  @Test
  void withoutItsDiagramsTheSystemDoesNotStart() throws IOException {
    errors.expect("org.springframework.boot.SpringApplication");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path missing = dir.resolve("missing");
    for (Path processes : List.of(empty, missing)) {
      assertThatThrownBy(() -> Boot.start("demo", List.of(errors.keptThroughStart()), args(processes, empty)).close())
          .as(processes.toString())
          .isInstanceOf(DeploymentRefusedException.class)
          .hasMessageContaining("No BPMN diagram in " + processes.toAbsolutePath());
    }
  }

  @Test
  void aBrokenFormStopsTheStartWithItsNameAndLine() throws IOException {
    errors.expect("org.springframework.boot.SpringApplication");
    Path processes = Files.createDirectories(dir.resolve("processes"));
    Path forms = Files.createDirectories(dir.resolve("forms"));
    Files.writeString(forms.resolve("broken.form"), "{\n  \"id\": \"broken\",\n  \"components\": [\n}\n");

    assertThatThrownBy(() -> Boot.start("demo", List.of(errors.keptThroughStart()), args(processes, forms)).close())
        .isInstanceOf(DeploymentRefusedException.class)
        .hasMessageContaining("broken.form, line 4");
  }

  @Test
  void outsideDemoTheAdminPasswordMustBeConfigured() throws IOException {
    errors.expect("org.springframework.boot.SpringApplication");
    assertThatThrownBy(() -> Boot.start("nodemo", List.of(errors.keptThroughStart()), args(dir, dir)).close())
        .hasStackTraceContaining("exportcontrol.admin.password");
  }

  private String[] args(Path processes, Path forms) {
    return new String[] {
        "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(),
        "--exportcontrol.processes-dir=" + processes,
        "--exportcontrol.forms-dir=" + forms};
  }

  private static List<Integer> versions(RepositoryService repository, String key) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).orderByProcessDefinitionVersion().asc()
        .list().stream().map(ProcessDefinition::getVersion).toList();
  }
}
