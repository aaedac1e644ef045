package org.exportcontrol.support;

import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/** Test bean {@code ${flakyStep}}: fails while told to, to roll back a job after its email went out. */
@Component("flakyStep")
@ProcessBean
public class FlakyStep {

  private final AtomicBoolean failing = new AtomicBoolean();

  public void failing(boolean value) {
    failing.set(value);
  }

  public void run(DelegateExecution execution) {
    if (failing.get()) {
      throw new IllegalStateException("flaky step failed on purpose in " + execution.getProcessInstanceId());
    }
  }
}
