package org.exportcontrol.support;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A private in-memory H2 database with the application's own migrations, for the unit tests of the
 * classes that write tables (decision log, reference numbers, email outbox): no Spring context, no
 * engine, a fresh database per instance.
 */
public final class MemoryDatabase {

  public final DataSource dataSource;
  public final JdbcClient jdbc;
  public final DataSourceTransactionManager transactionManager;

  public MemoryDatabase() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    this.dataSource = h2;
    Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
    this.jdbc = JdbcClient.create(h2);
    this.transactionManager = new DataSourceTransactionManager(h2);
  }

  /** A transaction of the caller's, as a service method would run in. */
  public TransactionTemplate transaction() {
    return new TransactionTemplate(transactionManager);
  }
}
