package org.exportcontrol.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Test hook: holds the next completion of one user task inside its transaction, after the engine
 * has read the task and before it writes, so that a test can run the case's own job in between and
 * meet the completion deterministically. Idle unless a test arms it; it holds one completion only.
 */
@Component
public class CompletionPause extends AbstractBpmnParseListener {

  private final AtomicReference<Armed> armed = new AtomicReference<>();

  /** Where the held completion is, and what lets it go on. */
  public record Armed(String taskKey, CountDownLatch reached, CountDownLatch released) {

    public void awaitReached() throws InterruptedException {
      if (!reached.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the completion of " + taskKey + " never came");
      }
    }

    public void release() {
      released.countDown();
    }
  }

  public Armed arm(String taskKey) {
    Armed next = new Armed(taskKey, new CountDownLatch(1), new CountDownLatch(1));
    armed.set(next);
    return next;
  }

  /**
   * Holds the next completion of the task later: after every rule of the completion has passed, as
   * the user task ends, before the step after it runs.
   */
  public Armed armAfterItsRules(String taskKey) {
    return arm(AFTER_RULES + taskKey);
  }

  private static final String AFTER_RULES = "after its rules: ";

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
        .addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> hold(task.getTaskDefinitionKey()));
    activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, execution -> hold(AFTER_RULES + activity.getId()));
  }

  private void hold(String taskKey) {
    Armed current = armed.get();
    if (current == null || !current.taskKey().equals(taskKey) || !armed.compareAndSet(current, null)) {
      return;
    }
    current.reached().countDown();
    try {
      if (!current.released().await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the held completion of " + taskKey + " was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
