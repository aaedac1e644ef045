package org.exportcontrol.config;

import java.io.InputStream;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.util.CamundaSpringBootUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine configuration of the Spring Boot starter, built the same way, but reading the engine's
 * SQL mappings from org/exportcontrol/config/mapping: its Task.xml checks the task query's
 * authorizations with EXISTS instead of an OR-join, which made Tasklist's query grow with the square
 * of the open tasks (docs/benchmarks.md, ADR 0007).
 */
@Configuration(proxyBeanMethods = false)
class TaskQueryConfiguration {

  static final String MAPPINGS = "org/exportcontrol/config/mapping/mappings.xml";

  /** Replaces the starter's bean of the same type (it backs off when one exists). */
  @Bean
  ProcessEngineConfigurationImpl processEngineConfigurationImpl(List<ProcessEnginePlugin> plugins) {
    SpringProcessEngineConfiguration configuration = CamundaSpringBootUtil.initCustomFields(
        new SpringProcessEngineConfiguration() {
          @Override
          protected InputStream getMyBatisXmlConfigurationSteam() {
            return TaskQueryConfiguration.class.getClassLoader().getResourceAsStream(MAPPINGS);
          }
        });
    configuration.getProcessEnginePlugins().add(new CompositeProcessEnginePlugin(plugins));
    return configuration;
  }
}
