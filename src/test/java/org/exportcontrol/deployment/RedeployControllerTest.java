package org.exportcontrol.deployment;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.exportcontrol.support.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** HTTP rules of POST /api/admin/redeploy: administrators only, a refused file is a 400 that names it. */
@WebMvcTest(RedeployController.class)
class RedeployControllerTest extends ControllerSlice {

  @MockitoBean FolderDeployer deployer;

  @Test
  void anAdministratorRedeploysAndLearnsWhatGotANewVersion() throws Exception {
    when(deployer.deploy()).thenReturn(new FolderDeployment("dep-7", List.of("licenseReview.bpmn"),
        List.of(new FolderDeployment.NewVersion("process", "licenseReview", 4))));
    mvc.perform(post("/api/admin/redeploy").with(as("admin", ADMIN)))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.deploymentId").value("dep-7"))
        .andExpect(jsonPath("$.changedResources[0]").value("licenseReview.bpmn"))
        .andExpect(jsonPath("$.newVersions[0].type").value("process"))
        .andExpect(jsonPath("$.newVersions[0].key").value("licenseReview"))
        .andExpect(jsonPath("$.newVersions[0].version").value(4));
    verify(deployer).deploy();
  }

  @Test
  void aRefusedFileIs400NamingFileAndLine() throws Exception {
    when(deployer.deploy()).thenThrow(new DeploymentRefusedException(
        "licenseReview.bpmn, line 12 (element 'decide'): the expression ${runtime.exec('id')} is not allowed", null));
    mvc.perform(post("/api/admin/redeploy").with(as("admin", ADMIN)))
        .andExpect(problem(400, "Deployment refused"))
        .andExpect(jsonPath("$.detail")
            .value("licenseReview.bpmn, line 12 (element 'decide'): the expression ${runtime.exec('id')} is not allowed"));
  }

  @Test
  void anUnreadableFolderIs500WithoutItsPath() throws Exception {
    errors.expect("org.exportcontrol.api.ApiErrors");
    when(deployer.deploy()).thenThrow(new UncheckedIOException("Cannot read /srv/cec/processes",
        new AccessDeniedException("/srv/cec/processes")));
    mvc.perform(post("/api/admin/redeploy").with(as("admin", ADMIN)))
        .andExpect(internalError())
        .andExpect(content().string(not(containsString("/srv/cec"))));
  }

  @Test
  void theEnginesRefusalIs403() throws Exception {
    when(deployer.deploy()).thenThrow(new AuthorizationException("ENGINE-03110 The user with id 'admin' does not have 'CREATE'"));
    mvc.perform(post("/api/admin/redeploy").with(as("admin", ADMIN))).andExpect(forbidden());
  }

  @Test
  void onlyPostIsAnswered() throws Exception {
    mvc.perform(get("/api/admin/redeploy").with(as("admin", ADMIN))).andExpect(problem(405, "Method Not Allowed"));
    verifyNoInteractions(deployer);
  }

  @Test
  void aBodyOverOneMebibyteIs413EvenWhereNoneIsRead() throws Exception {
    mvc.perform(post("/api/admin/redeploy").with(as("admin", ADMIN))
            .contentType(MediaType.APPLICATION_JSON).content(overOneMiB()))
        .andExpect(problem(413, "Payload too large"));
    verifyNoInteractions(deployer);
  }

  @Test
  void withoutCredentialsItIs401() throws Exception {
    mvc.perform(post("/api/admin/redeploy")).andExpect(unauthorized());
    mvc.perform(post("/api/admin/redeploy").with(basic("admin", "guess"))).andExpect(unauthorized());
    verifyNoInteractions(deployer);
  }

  @Test
  void reviewersOfficersAndApplicantsAre403() throws Exception {
    mvc.perform(post("/api/admin/redeploy").with(as("tech", TECHNICAL_REVIEWERS))).andExpect(forbidden());
    mvc.perform(post("/api/admin/redeploy").with(as("legal", LEGAL_REVIEWERS))).andExpect(forbidden());
    mvc.perform(post("/api/admin/redeploy").with(as("officer", LICENSING_OFFICERS))).andExpect(forbidden());
    mvc.perform(post("/api/admin/redeploy").with(as("compliance", COMPLIANCE_OFFICERS))).andExpect(forbidden());
    mvc.perform(post("/api/admin/redeploy").with(as("exporter", APPLICANTS))).andExpect(forbidden());
    verifyNoInteractions(deployer);
  }
}
