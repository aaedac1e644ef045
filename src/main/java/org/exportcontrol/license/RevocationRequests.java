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
 * called by a misuse report rests on the report's decision instead. Every revocation's business key is
 * set here to its {@code licenseNumber}: Tasklist's start form leaves the key to the officer, who may
 * leave it empty or mistype it.
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
    Object number = execution.getVariable(LicenseRevocationProcess.LICENSE_NUMBER);
    // the business key is the license number, whatever Tasklist's start form (or the caller) gave:
    // the cancellation of a license and the people reading Cockpit find its revocation by it (issue 21, 1)
    if (number instanceof String n && !n.isBlank() && !n.equals(execution.getProcessBusinessKey())) {
      execution.setProcessBusinessKey(n);
    }
    // a revocation's case reference on its task cards is the license number (TaskCards)
    if (number instanceof String n && !n.isBlank()) {
      execution.setVariable(LicenseRevocationProcess.CARD_REFERENCE, n);
    }
    if (((ExecutionEntity) execution).getSuperExecution() != null) {
      return;
    }
    decisionLog.record(String.valueOf(number),
        DecisionAction.REVOCATION_REQUESTED, details("reason", execution.getVariable(LicenseRevocationProcess.REVOCATION_REASON),
            "processInstanceId", execution.getProcessInstanceId()));
  }
}
