package org.exportcontrol.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * A test that provokes a real fault on purpose (SMTP down, a broken start, a planted expression run,
 * the 500 handler) names the loggers that must report it: their traces are then kept off the build's
 * console, and the test fails unless each logged at least one (the fault must still be logged in
 * production). Anything else still prints, so a trace in the build's log is a surprise worth reading.
 *
 * <pre>{@code @RegisterExtension ExpectedErrors errors = new ExpectedErrors();
 * ... errors.expect("org.camunda.bpm.engine.context"); }</pre>
 */
public class ExpectedErrors implements AfterEachCallback {

  private final Map<String, AtomicInteger> expected = new ConcurrentHashMap<>();
  private final TurboFilter filter = new TurboFilter() {
    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
      if (level == null || !level.isGreaterOrEqual(Level.WARN)) {
        return FilterReply.NEUTRAL;
      }
      for (Map.Entry<String, AtomicInteger> entry : expected.entrySet()) {
        if (logger.getName().startsWith(entry.getKey())) {
          entry.getValue().incrementAndGet();
          return FilterReply.DENY;
        }
      }
      return FilterReply.NEUTRAL;
    }
  };

  /** For the rest of this test, WARN and ERROR of these loggers (and their children) are expected. */
  public void expect(String... loggerNames) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    if (!context.getTurboFilterList().contains(filter)) {
      context.addTurboFilter(filter);
    }
    for (String name : loggerNames) {
      expected.putIfAbsent(name, new AtomicInteger());
    }
  }

  /**
   * For a test that starts an application ({@link Boot}): Spring Boot resets the JVM's logging when
   * it prepares the environment, which drops this filter; this listener, ordered after Boot's own,
   * puts it back.
   */
  public ApplicationListener<ApplicationEnvironmentPreparedEvent> keptThroughStart() {
    return new KeptThroughStart();
  }

  private final class KeptThroughStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      if (!expected.isEmpty() && !context.getTurboFilterList().contains(filter)) {
        context.addTurboFilter(filter);
      }
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }

  /**
   * Runs {@code action} with WARN and ERROR of these loggers kept off the console, without asking
   * that they log: for planted faults, some of which are refused before anything is logged.
   */
  public static void silenced(Runnable action, String... loggerNames) {
    ExpectedErrors errors = new ExpectedErrors();
    errors.expect(loggerNames);
    try {
      action.run();
    } finally {
      ((LoggerContext) LoggerFactory.getILoggerFactory()).getTurboFilterList().remove(errors.filter);
    }
  }

  @Override
  public void afterEach(ExtensionContext test) {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getTurboFilterList().remove(filter);
    try {
      if (test.getExecutionException().isEmpty()) {
        expected.forEach((name, count) -> assertThat(count.get()).as("errors logged by " + name).isPositive());
      }
    } finally {
      expected.clear();
    }
  }
}
