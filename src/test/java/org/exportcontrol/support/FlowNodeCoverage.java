package org.exportcontrol.support;

import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;

/**
 * Asserts that the tests of one class passed every flow node of the latest version of each diagram
 * (from the engine's history), so that the coverage report in target/process-test-coverage stays at
 * 100 %. Only the cases the class itself started count: the shared database also holds every other
 * class's cases, which must not make up for a path this class forgot (issue 22, 5).
 */
public final class FlowNodeCoverage {

  private static Class<?> currentClass;
  private static Set<String> casesBefore = Set.of();

  private FlowNodeCoverage() {}

  /** Called before each test: the first test of a class records the cases that were there before it. */
  static synchronized void beginClass(ProcessEngine engine, Class<?> testClass) {
    if (testClass != currentClass) {
      currentClass = testClass;
      casesBefore = engine.getHistoryService().createHistoricProcessInstanceQuery().unlimitedList().stream()
          .map(HistoricProcessInstance::getId).collect(Collectors.toSet());
    }
  }

  public static synchronized void assertEveryFlowNodePassed(ProcessEngine engine, String... processKeys) {
    for (String key : processKeys) {
      var definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
          .latestVersion().singleResult();
      Set<String> nodes = engine.getRepositoryService().getBpmnModelInstance(definition.getId())
          .getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).collect(Collectors.toSet());
      Set<String> passed = engine.getHistoryService().createHistoricActivityInstanceQuery()
          .processDefinitionId(definition.getId()).unlimitedList().stream()
          .filter(activity -> !casesBefore.contains(activity.getProcessInstanceId()))
          .map(HistoricActivityInstance::getActivityId).collect(Collectors.toSet());
      Assertions.assertThat(passed).as("flow nodes of " + key + " passed by the tests of " + currentClass.getSimpleName())
          .containsAll(nodes);
    }
  }
}
