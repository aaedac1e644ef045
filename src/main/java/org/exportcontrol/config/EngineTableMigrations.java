package org.exportcontrol.config;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.flywaydb.core.Flyway;
import org.springframework.stereotype.Component;

/**
 * Migrations of the engine's own tables (db/camunda), such as an index Camunda does not ship. They
 * run once the engine has created its tables, which happens after the project's Flyway migrations
 * ({@link EngineAfterFlyway}), so they keep a history of their own (ADR 0012).
 */
@Component
class EngineTableMigrations extends AbstractProcessEnginePlugin {

  static final String HISTORY_TABLE = "flyway_camunda_history";

  private final DataSource dataSource;

  EngineTableMigrations(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/camunda")
        .table(HISTORY_TABLE)
        // the schema already holds the project's and the engine's tables; start from an empty history
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
