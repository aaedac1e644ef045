package org.exportcontrol.support;

import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Test hook: holds the next completion of one task right after the engine has read the task, at the
 * authorization check "may work on this task", before the completion sets its fields on the task's
 * execution. What commits meanwhile (a job of the case, another person's completion) is what the
 * held completion then finds: the window that issue 15's chaos test hit. A command checker added for
 * one test and removed by {@link #close()}; it holds one completion only.
 */
public final class TaskReadPause implements AutoCloseable {

  private final ProcessEngineConfigurationImpl configuration;
  private final CommandChecker checker;
  private final CountDownLatch reached = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  private TaskReadPause(ProcessEngine engine, String taskId) {
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    this.checker = (CommandChecker) Proxy.newProxyInstance(CommandChecker.class.getClassLoader(),
        new Class<?>[] {CommandChecker.class}, (proxy, method, args) -> {
          if (method.getName().equals("checkTaskWork") && args[0] instanceof TaskEntity task
              && task.getId().equals(taskId)) {
            hold();
          }
          return switch (method.getName()) {
            case "toString" -> "TaskReadPause(" + taskId + ")";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> null;
          };
        });
    configuration.getCommandCheckers().add(checker);
  }

  /** Arms the pause for the next completion (or claim) of the task. */
  public static TaskReadPause arm(ProcessEngine engine, String taskId) {
    return new TaskReadPause(engine, taskId);
  }

  private void hold() throws InterruptedException {
    synchronized (this) {
      if (reached.getCount() == 0) {
        return; // held one already: the others pass
      }
      reached.countDown();
    }
    if (!released.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the held completion was never released");
    }
  }

  public void awaitReached() throws InterruptedException {
    if (!reached.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no completion of the task reached its authorization check");
    }
  }

  public void release() {
    released.countDown();
  }

  @Override
  public void close() {
    released.countDown();
    configuration.getCommandCheckers().remove(checker);
  }
}
