package org.exportcontrol.deployment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Applies edited diagrams without a restart. Admin only (see the security configuration); the
 * folders stay the source of truth, so this deploys exactly what a restart would.
 */
@RestController
@Tag(name = "Administration")
class RedeployController {

  private final FolderDeployer deployer;

  RedeployController(FolderDeployer deployer) {
    this.deployer = deployer;
  }

  @PostMapping("/api/admin/redeploy")
  @Operation(summary = "Redeploy processes/ and forms/",
      description = "Deploys new and changed files as a new version; answers which definitions got one. "
          + "A broken or disallowed file is refused with 400 and nothing of the call is deployed.")
  FolderDeployment redeploy() {
    return deployer.deploy();
  }

  @ExceptionHandler(DeploymentRefusedException.class)
  ProblemDetail refused(DeploymentRefusedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Deployment refused");
    return problem;
  }
}
