package org.exportcontrol.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL database for one test, created and dropped by it. Where no server answers, the
 * test is skipped with a message, unless {@code exportcontrol.test.postgres.required=true} (CI), where
 * it fails.
 */
public final class Postgres implements AutoCloseable {

  private static final String HOST = System.getenv().getOrDefault("EXPORTCONTROL_TEST_PG_HOST", "127.0.0.1:5432");
  private static final String USER = System.getenv().getOrDefault("EXPORTCONTROL_TEST_PG_USER", "postgres");
  private static final String PASSWORD = System.getenv().getOrDefault("EXPORTCONTROL_TEST_PG_PASSWORD", "");

  private final String database;

  private Postgres(String database) {
    this.database = database;
  }

  public static Postgres freshDatabase() {
    String database = "cec_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection admin = DriverManager.getConnection(adminUrl(), USER, PASSWORD);
        Statement statement = admin.createStatement()) {
      statement.execute("create database " + database);
    } catch (SQLException e) {
      String message = "PostgreSQL at " + HOST + " is not reachable as '" + USER + "' (" + e.getMessage()
          + "); PostgreSQL tests need it. Start it, or set EXPORTCONTROL_TEST_PG_HOST/_USER/_PASSWORD.";
      if (Boolean.getBoolean("exportcontrol.test.postgres.required")) {
        Assertions.fail(message + " It is required here (exportcontrol.test.postgres.required=true).");
      }
      // said on the console too: an aborted class shows in Surefire's summary only as "0 tests"
      System.err.println("SKIPPED: " + message);
      Assumptions.abort("SKIPPED: " + message);
    }
    return new Postgres(database);
  }

  public String url() {
    return "jdbc:postgresql://" + HOST + "/" + database;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  @Override
  public void close() throws SQLException {
    try (Connection admin = DriverManager.getConnection(adminUrl(), USER, PASSWORD);
        Statement statement = admin.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    }
  }

  /** Autovacuum workers at work anywhere on the server now: a benchmark lets them finish before it times start-up. */
  public static int busyAutovacuumWorkers() throws SQLException {
    try (Connection admin = DriverManager.getConnection(adminUrl(), USER, PASSWORD);
        Statement statement = admin.createStatement();
        var rows = statement.executeQuery("select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static String adminUrl() {
    return "jdbc:postgresql://" + HOST + "/postgres";
  }
}
