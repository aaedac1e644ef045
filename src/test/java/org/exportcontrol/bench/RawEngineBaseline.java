package org.exportcontrol.bench;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * B0: the bare engine (no HTTP, no security, no email) running a diagram of the license path's shape:
 * a service task, three parallel user tasks, a decision user task, a service task.
 */
final class RawEngineBaseline implements AutoCloseable {

  private final ProcessEngine engine;

  RawEngineBaseline(String jdbcUrl, String user, String password) {
    engine = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
        .setProcessEngineName("bench-raw-" + System.nanoTime())
        .setJdbcUrl(jdbcUrl).setJdbcUsername(user).setJdbcPassword(password)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false)
        .buildProcessEngine();
    BpmnModelInstance shape = Bpmn.createExecutableProcess("rawLicenseShape").camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("screen").camundaExpression("${true}")
        .parallelGateway("fork")
        .userTask("technical").parallelGateway("join")
        .moveToNode("fork").userTask("legal").connectTo("join")
        .moveToNode("fork").userTask("foreignAffairs").connectTo("join")
        .moveToNode("join").userTask("decision")
        .serviceTask("issue").camundaExpression("${true}")
        .endEvent()
        .done();
    engine.getRepositoryService().createDeployment().addModelInstance("rawLicenseShape.bpmn", shape).deploy();
  }

  /** Runs {@code count} instances to their end on {@code threads} threads; answers instances per second. */
  double throughput(int count, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> work = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int share = count / threads + (t < count % threads ? 1 : 0);
      work.add(pool.submit(() -> {
        for (int i = 0; i < share; i++) {
          runOne();
        }
        return null;
      }));
    }
    for (Future<?> w : work) {
      w.get(30, TimeUnit.MINUTES);
    }
    pool.shutdown();
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private void runOne() {
    String instance = engine.getRuntimeService().startProcessInstanceByKey("rawLicenseShape").getId();
    TaskService tasks = engine.getTaskService();
    for (Task task : tasks.createTaskQuery().processInstanceId(instance).list()) {
      tasks.complete(task.getId());
    }
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());
  }

  @Override
  public void close() {
    engine.close();
  }
}
