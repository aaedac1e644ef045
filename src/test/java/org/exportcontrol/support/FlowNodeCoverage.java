package org.exportcontrol.support;

import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;

/**
 * Asserts that the tests passed every flow node of the latest version of each diagram (from the
 * engine's history), so that the coverage report in target/process-test-coverage stays at 100 %.
 */
public final class FlowNodeCoverage {

  private FlowNodeCoverage() {}

  public static void assertEveryFlowNodePassed(ProcessEngine engine, String... processKeys) {
    for (String key : processKeys) {
      var definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
          .latestVersion().singleResult();
      Set<String> nodes = engine.getRepositoryService().getBpmnModelInstance(definition.getId())
          .getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).collect(Collectors.toSet());
      Set<String> passed = engine.getHistoryService().createHistoricActivityInstanceQuery()
          .processDefinitionId(definition.getId()).list().stream().map(HistoricActivityInstance::getActivityId)
          .collect(Collectors.toSet());
      Assertions.assertThat(passed).as("flow nodes of " + key + " passed by the tests").containsAll(nodes);
    }
  }
}
