package org.exportcontrol.wording;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * The display variables of every user task's form: for each code, date, moment or user id the case
 * holds, a task-local {@code <name>Text} in words ("Law enforcement", "Germany", "15 January 2026",
 * "4 December 2026, 03:49 (London time)", "Olivia Officer"), and {@code caseReference} for the line
 * linking the case file. Set when the task is created, as a built-in listener (like the task rules);
 * the forms show them in disabled fields or text views, which form-js never submits, and no task
 * contract lists them, so a completion that sends one is refused: the codes stay what the rules read.
 */
@Component
public class FormWording extends AbstractBpmnParseListener {

  private final Wording wording;
  private final Map<String, Function<Object, String>> display = new LinkedHashMap<>();

  public FormWording(Wording wording) {
    this.wording = wording;
    for (String code : new String[] {"productCategory", "endUserType", "countryTier", "technicalRecommendation",
        "legalRecommendation", "foreignAffairsRecommendation", "suggestedOutcome", "licensingDecision", "countersignature",
        "misuseCategory", "severity", "finding", "misuseAction", "screeningOutcome", "notificationChannel",
        "escalationAction", "suspensionOutcome"}) {
      display.put(code, wording::label);
    }
    display.put("endUserCountry", wording::country);
    display.put("decisionReasons", wording::labels);
    for (String user : new String[] {"licensingDecisionBy", "countersignedBy", "investigatedBy", "verifiedBy"}) {
      display.put(user, wording::name);
    }
    display.put("shutdownAt", wording::dateTime);
    display.put("shutdownDeadline", wording::dateTime);
    display.put("licenseValidFrom", wording::date);
    display.put("licenseValidUntil", wording::date);
    display.put("remoteShutdownCapable", value -> Boolean.TRUE.equals(value) ? "Yes" : "No");
  }

  /** The variables this listener words, by the name of the variable it reads. */
  public Map<String, Function<Object, String>> display() {
    return display;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
        .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, this::word);
  }

  void word(DelegateTask task) {
    display.forEach((name, words) -> {
      Object value = task.getVariable(name);
      if (value != null && !(value instanceof String s && s.isBlank())) {
        task.setVariableLocal(name + "Text", words.apply(value));
      }
    });
    // an application's case is its reference, an enforcement's the license it is about
    Object license = task.getVariable("licenseNumber");
    Object reference = license != null ? license : task.getVariable("reference");
    if (reference != null) {
      task.setVariableLocal("caseReference", reference);
    }
  }
}
