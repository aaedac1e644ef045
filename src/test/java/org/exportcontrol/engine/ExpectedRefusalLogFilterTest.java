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

  /** ChaosTest's CI log: a collision also reached the log as ENGINE-20009 of the pvm logger, with its stack. */
  @Test
  void aCollisionRepeatedByTheSubProcessCompletionIsDroppedToo() {
    ExpectedRefusalLogFilter filter = new ExpectedRefusalLogFilter();
    ch.qos.logback.classic.Logger pvm = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
        .getLogger(ExpectedRefusalLogFilter.ENGINE_PVM_LOGGER);
    ProcessEngineException collision = new ProcessEngineException("ENGINE-03077 Cannot resolve parent");
    assertThat(filter.decide(null, pvm, ch.qos.logback.classic.Level.ERROR, "ENGINE-20009 {}", new Object[] {collision},
        null)).isEqualTo(ch.qos.logback.core.spi.FilterReply.DENY);
    assertThat(filter.decide(null, pvm, ch.qos.logback.classic.Level.ERROR, "ENGINE-20009 {}",
        new Object[] {new IllegalStateException("a bug")}, null)).isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
    ch.qos.logback.classic.Logger other = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.exportcontrol");
    assertThat(filter.decide(null, other, ch.qos.logback.classic.Level.ERROR, "x", null, collision))
        .isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
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
