package org.exportcontrol.deployment;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the deployed files live ({@code exportcontrol.processes-dir}, {@code exportcontrol.forms-dir}).
 *
 * @param processesDir folder holding the BPMN and DMN files that administrators edit
 * @param formsDir folder holding the Camunda Forms ({@code *.form})
 */
@ConfigurationProperties("exportcontrol")
public record DeploymentProperties(@DefaultValue("processes") Path processesDir, @DefaultValue("forms") Path formsDir) {}
