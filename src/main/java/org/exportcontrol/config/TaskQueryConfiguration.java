package org.exportcontrol.config;

import java.io.InputStream;
import java.util.List;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.camunda.bpm.engine.impl.context.Context;
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
 * of the open tasks, and on PostgreSQL reads a page ordered by task columns as a semi-join; its Authorization.xml
 * finds the groups that hold authorizations without reading every authorization (docs/benchmarks.md,
 * ADR 0007).
 */
@Configuration(proxyBeanMethods = false)
public class TaskQueryConfiguration {

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

  /**
   * Called from Task.xml: true when the task query's page is read as a semi-join without DISTINCT.
   * Only on PostgreSQL and only when the order is by the task's own columns: H2 evaluates the
   * {@code in (select …)} for every candidate before it pages, and stops the DISTINCT early by itself.
   */
  public static boolean pageAsSemiJoin(List<QueryOrderingProperty> orderingProperties) {
    // "contained": a plain column of the task (no relation, no function such as lower())
    return "postgres".equals(Context.getProcessEngineConfiguration().getDatabaseType())
        && orderingProperties.stream().allMatch(QueryOrderingProperty::isContainedProperty);
  }
}
