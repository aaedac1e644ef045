package org.exportcontrol.engine;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A rule that bars a person from one task of a case because of what that person did earlier in it
 * (a reviewer does not decide, the decider does not countersign, the investigator does not decide
 * the action). The {@link TaskGate} asks every such bean when a task is claimed, assigned or completed.
 */
public interface SeparationOfDuties {

  /** Why {@code userId} may not take or complete this task, as a sentence; empty when nothing bars it. */
  Optional<String> refusal(DelegateTask task, String userId);
}
