package org.exportcontrol.deployment;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Nodes that start together on one PostgreSQL database start one after the other (issue 20): from
 * before the engine creates or updates its tables until the node is ready (folders deployed, users
 * and filters set up), a node holds a PostgreSQL advisory lock. Camunda's schema creation is not safe
 * when two engines run it at once (the second fails on a duplicate type), and the project's own
 * start-up steps would race too. Flyway locks its migrations itself; the folder deployment has the
 * engine's deployment lock besides. On H2 (one node) there is nothing to wait for.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupLock extends AbstractProcessEnginePlugin {

  /** An arbitrary number the agency's nodes agree on ("CEC start"). */
  static final long KEY = 0x4345435354415254L;
  private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

  private final DataSource dataSource;
  private Connection holding;

  public StartupLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public synchronized void preInit(ProcessEngineConfigurationImpl configuration) {
    try {
      Connection connection = dataSource.getConnection();
      if (!connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgresql")) {
        connection.close();
        return;
      }
      try (Statement statement = connection.createStatement()) {
        var tried = statement.executeQuery("select pg_try_advisory_lock(" + KEY + ")");
        tried.next();
        if (!tried.getBoolean(1)) {
          log.info("Another node is starting on this database; waiting for it to be ready");
          statement.execute("select pg_advisory_lock(" + KEY + ")");
        }
      }
      holding = connection;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the start-up lock on the database", e);
    }
  }

  /** Held on after the engine's build: the deployment and the identity set-up follow it. */
  @EventListener({ApplicationReadyEvent.class, ApplicationFailedEvent.class})
  public synchronized void release() {
    if (holding == null) {
      return;
    }
    try (Connection connection = holding; Statement statement = connection.createStatement()) {
      statement.execute("select pg_advisory_unlock(" + KEY + ")");
    } catch (SQLException e) {
      // closing the connection ends its session, and the lock with it
      log.warn("Releasing the start-up lock: {}", e.getMessage());
    } finally {
      holding = null;
    }
  }
}
