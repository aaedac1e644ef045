package org.exportcontrol.deployment;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Deploys the folders on start-up; a file that cannot be deployed stops the start with its name and line. */
@Component
@Order(10)
class StartupDeployment implements ApplicationRunner {

  private final FolderDeployer deployer;

  StartupDeployment(FolderDeployer deployer) {
    this.deployer = deployer;
  }

  @Override
  public void run(ApplicationArguments args) {
    deployer.deploy();
  }
}
