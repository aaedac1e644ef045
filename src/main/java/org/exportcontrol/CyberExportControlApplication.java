package org.exportcontrol;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Cyber Export Control: licensing of cyber-intelligence exports and enforcement of revocations,
 * on an embedded Camunda 7 engine. See README.md and docs/architecture.md.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CyberExportControlApplication {

  public static void main(String[] args) {
    SpringApplication.run(CyberExportControlApplication.class, args);
  }
}
