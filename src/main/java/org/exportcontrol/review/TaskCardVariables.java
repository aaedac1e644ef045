package org.exportcontrol.review;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.exportcontrol.engine.TaskCards;
import org.springframework.stereotype.Component;

/**
 * Puts what tells one case from another (reference, product, license, country, exporter) on every
 * user task of every process as task-local copies, so that the Tasklist group filters can show them on
 * the task cards. Candidates may read a task's own variables; the process instance's variables need
 * process-instance read rights that reviewers deliberately do not have. Same values as the process's,
 * gone with the task, and never written back (the forms show them as disabled fields).
 */
@Component
public class TaskCardVariables extends AbstractBpmnParseListener {

  /** The variables the group filters show on a task card (IdentitySetup names the same ones). */
  public static final List<String> NAMES = List.copyOf(TaskCards.COLUMNS.keySet());

  private final TaskListener copyToTask = TaskCardVariables::copyToTask;

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
        .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, copyToTask);
  }

  static void copyToTask(DelegateTask task) {
    for (String name : NAMES) {
      Object value = task.getVariable(name);
      if (value != null) {
        task.setVariableLocal(name, value);
      }
    }
  }
}
