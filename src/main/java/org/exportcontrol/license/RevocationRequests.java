package org.exportcontrol.license;

import static org.exportcontrol.audit.DecisionLog.details;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.springframework.stereotype.Component;

/**
 * A licensing officer who starts a revocation by hand (Tasklist's start form) makes a decision: it
 * is recorded as {@code REVOCATION_REQUESTED}, with the reason, in the start's transaction, and it is
 * what {@code revokeLicense} then rests on. Who may start it is the task gate's rule; a revocation
 * called by a misuse report rests on the report's decision instead.
 */
@Component
public class RevocationRequests extends AbstractBpmnParseListener {

  private final DecisionLog decisionLog;

  public RevocationRequests(DecisionLog decisionLog) {
    this.decisionLog = decisionLog;
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    if (LicenseRevocationProcess.KEY.equals(processDefinition.getKey())) {
      processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) this::started);
    }
  }

  void started(DelegateExecution execution) {
    if (((ExecutionEntity) execution).getSuperExecution() != null) {
      return;
    }
    decisionLog.record(String.valueOf(execution.getVariable(LicenseRevocationProcess.LICENSE_NUMBER)),
        DecisionAction.REVOCATION_REQUESTED, details("reason", execution.getVariable(LicenseRevocationProcess.REVOCATION_REASON),
            "processInstanceId", execution.getProcessInstanceId()));
  }
}
