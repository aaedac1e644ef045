package org.exportcontrol.misuse;

import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.exportcontrol.engine.SeparationOfDuties;
import org.springframework.stereotype.Component;

/** The investigator of a misuse report does not decide the action on it. */
@Component
public class EnforcementSeparationOfDuties implements SeparationOfDuties {

  @Override
  public Optional<String> refusal(DelegateTask task, String userId) {
    if (MisuseReportProcess.DECIDE_ACTION.equals(task.getTaskDefinitionKey())
        && userId.equals(task.getVariable(MisuseReportProcess.INVESTIGATED_BY))) {
      return Optional.of("Separation of duties: " + userId + " investigated this report and may not decide the action");
    }
    return Optional.empty();
  }

  @Override
  public Set<String> barred(DelegateTask task) {
    return MisuseReportProcess.DECIDE_ACTION.equals(task.getTaskDefinitionKey())
        && task.getVariable(MisuseReportProcess.INVESTIGATED_BY) instanceof String investigator
        ? Set.of(investigator) : Set.of();
  }
}
