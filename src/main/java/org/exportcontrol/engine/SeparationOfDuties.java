package org.exportcontrol.engine;

import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A rule that bars a person from one task of a case because of what that person did earlier in it
 * (a reviewer does not decide, the decider does not countersign, the investigator does not decide
 * the action). The {@link TaskGate} asks every such bean when a task is claimed, assigned or completed,
 * and {@link BarredCandidates} hides the task from the people {@link #barred} names, so that nobody
 * is offered a task the gate would refuse them.
 */
public interface SeparationOfDuties {

  /** Why {@code userId} may not take or complete this task, as a sentence; empty when nothing bars it. */
  Optional<String> refusal(DelegateTask task, String userId);

  /**
   * Everyone this rule bars from the task as the case stands now: each of them gets a refusal from
   * {@link #refusal} for it. Asked when the task is created and whenever another task of its case is
   * completed (the bar of a parallel review arises while the task is already open).
   */
  Set<String> barred(DelegateTask task);
}
