package org.exportcontrol.support;

import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.task.TaskDecorator;
import org.camunda.bpm.engine.impl.task.TaskDefinition;

/** A parsed user task of a process, without a parser, for the unit tests of the parse listeners. */
public final class FakeUserTask {

  private FakeUserTask() {}

  public static ActivityImpl userTask(String processKey, String taskKey) {
    ProcessDefinitionEntity definition = new ProcessDefinitionEntity();
    definition.setKey(processKey);
    ActivityImpl activity = definition.createActivity(taskKey);
    activity.setActivityBehavior(new UserTaskActivityBehavior(new TaskDecorator(new TaskDefinition(null), null)));
    return activity;
  }

  public static TaskDefinition definition(ActivityImpl userTask) {
    return ((UserTaskActivityBehavior) userTask.getActivityBehavior()).getTaskDefinition();
  }

  /** The built-in listeners of this event, as the engine would call them; none, an empty list. */
  public static List<TaskListener> builtIn(ActivityImpl userTask, String event) {
    List<TaskListener> listeners = definition(userTask).getBuiltinTaskListenersForEvent(event);
    return listeners == null ? List.of() : listeners;
  }
}
