package org.exportcontrol.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.junit.jupiter.api.Test;

/** Which of the engine's ERRORs are expected (answered and logged elsewhere) and which must stay. */
class ExpectedRefusalLogFilterTest {

  @Test
  void collisionsOfTwoTransactionsAreExpected() {
    assertThat(ExpectedRefusalLogFilter.expected(new OptimisticLockingException("ENGINE-03005 DELETE failed"))).isTrue();
    SQLException unique = new SQLIntegrityConstraintViolationException("duplicate key", "23505");
    assertThat(ExpectedRefusalLogFilter.expected(new ProcessEnginePersistenceException("insert failed", unique))).isTrue();
    assertThat(ExpectedRefusalLogFilter.expected(new ProcessEngineException("ENGINE-03077 Cannot resolve parent"))).isTrue();
    assertThat(ExpectedRefusalLogFilter.expected(new MismatchingMessageCorrelationException("ApplicationWithdrawn"))).isTrue();
  }

  @Test
  void unknownIdsAndRefusedSerializationAreExpected() {
    assertThat(ExpectedRefusalLogFilter.expected(new NullValueException("Cannot find task with id 42"))).isTrue();
    assertThat(ExpectedRefusalLogFilter.expected(new ProcessEngineException("ENGINE-14026 No job found with id '42'"))).isTrue();
    assertThat(ExpectedRefusalLogFilter.expected(new ProcessEngineException(
        "ENGINE-17007 Cannot set variable with name payload. Java serialization format is prohibited"))).isTrue();
  }

  @Test
  void otherDatabaseFaultsAndBugsAreNot() {
    SQLException syntax = new SQLException("syntax error", "42601");
    assertThat(ExpectedRefusalLogFilter.expected(new ProcessEnginePersistenceException("select failed", syntax))).isFalse();
    assertThat(ExpectedRefusalLogFilter.expected(new IllegalStateException("a bug"))).isFalse();
    assertThat(ExpectedRefusalLogFilter.expected(null)).isFalse();
  }
}
