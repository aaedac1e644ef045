package org.exportcontrol.deployment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.batch.history.HistoricBatch;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionBuilder;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.exportcontrol.api.CollisionRetry;
import org.exportcontrol.api.ConflictException;
import org.exportcontrol.api.ResourceNotFoundException;
import org.exportcontrol.api.Violations;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.exportcontrol.engine.Privileged;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves the running cases of one version of a process to another with Camunda's migration API
 * (ADR 0034). The plan maps activities with equal ids and the administrator's explicit mappings;
 * the engine validates it. Each case is then tried on its own in a transaction that is always rolled
 * back, so a dry run answers with the engine's own reasons for every case that cannot move, and a
 * real run hands only the movable cases to a batch: the others stay as they are, untouched.
 * Migration outside this class is closed ({@code ClosedOperations}), so each one is on the decision log.
 */
@Component
public class CaseMigrations {

  private static final int PAGE = 1000;
  private static final int MAX_FAILURES_SHOWN = 100;

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final HistoryService history;
  private final DecisionLog decisionLog;
  private final CollisionRetry retry;
  private final TransactionTemplate rolledBack;

  public CaseMigrations(ProcessEngine engine, DecisionLog decisionLog, CollisionRetry retry,
      PlatformTransactionManager transactionManager) {
    this.repository = engine.getRepositoryService();
    this.runtime = engine.getRuntimeService();
    this.management = engine.getManagementService();
    this.history = engine.getHistoryService();
    this.decisionLog = decisionLog;
    this.retry = retry;
    this.rolledBack = new TransactionTemplate(transactionManager);
  }

  /** Validates the plan and every case against it; unless a dry run, starts the batch and records it. */
  public MigrationReport migrate(MigrationRequest request) {
    validate(request);
    String key = request.processDefinitionKey();
    ProcessDefinition source = version(key, request.fromVersion(), "fromVersion");
    ProcessDefinition target = request.toVersion() == null
        ? repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult()
        : version(key, request.toVersion(), "toVersion");
    if (source.getId().equals(target.getId())) {
      refuse("toVersion", "must differ from fromVersion (the latest version of " + key + " is " + target.getVersion() + ")");
    }
    MigrationPlan plan = plan(source, target, request.mappingsOrNone());

    List<ProcessInstance> instances = runningCases(source);
    List<String> movable = new ArrayList<>();
    Map<String, Integer> waitingIn = new TreeMap<>();
    List<MigrationReport.Unmigratable> unmovable = new ArrayList<>();
    for (ProcessInstance instance : instances) {
      List<String> reasons = reasonsAgainst(plan, instance.getId());
      if (reasons.isEmpty()) {
        movable.add(instance.getId());
        waitingActivities(runtime.getActivityInstance(instance.getId()))
            .forEach(activity -> waitingIn.merge(activity, 1, Integer::sum));
      } else {
        unmovable.add(new MigrationReport.Unmigratable(instance.getId(), instance.getBusinessKey(), reasons));
      }
    }

    String batchId = null;
    if (!request.isDryRun()) {
      if (movable.isEmpty()) {
        throw new ConflictException("None of the " + instances.size() + " running cases of " + key + " version "
            + source.getVersion() + " can move to version " + target.getVersion() + "; a dry run names the reasons.");
      }
      batchId = retry.inTransaction("migrating cases", () -> {
        Batch batch = Privileged.call("migrating cases",
            () -> runtime.newMigration(plan).processInstanceIds(movable).executeAsync());
        decisionLog.record("process:" + key, DecisionAction.CASES_MIGRATED, DecisionLog.details(
            "processDefinitionKey", key, "fromVersion", source.getVersion(), "toVersion", target.getVersion(),
            "mappings", mappingsOf(plan), "instances", movable.size(), "notMigrated", unmovable.size(),
            "batchId", batch.getId()));
        return batch.getId();
      });
    }
    return new MigrationReport(key, source.getVersion(), target.getVersion(), request.isDryRun(),
        request.mappingsOrNone(), instances.size(), movable.size(), waitingIn, unmovable, batchId);
  }

  /** Where a migration batch stands; 404 for an id that is not a migration batch. */
  public MigrationProgress progress(String batchId) {
    Batch batch = management.createBatchQuery().batchId(batchId).type(Batch.TYPE_PROCESS_INSTANCE_MIGRATION)
        .singleResult();
    HistoricBatch past = history.createHistoricBatchQuery().batchId(batchId)
        .type(Batch.TYPE_PROCESS_INSTANCE_MIGRATION).singleResult();
    if (batch == null && past == null) {
      throw new ResourceNotFoundException("No migration batch " + batchId);
    }
    Instant started = past == null ? null : past.getStartTime().toInstant();
    if (batch == null) {
      Instant ended = past.getEndTime() == null ? null : past.getEndTime().toInstant();
      return new MigrationProgress(batchId, "COMPLETED", past.getTotalJobs(), past.getTotalJobs(), 0, 0,
          past.getInvocationsPerBatchJob(), List.of(), started, ended);
    }
    BatchStatistics statistics = management.createBatchStatisticsQuery().batchId(batchId).singleResult();
    List<String> failures = management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId())
        .withException().listPage(0, MAX_FAILURES_SHOWN).stream().map(Job::getExceptionMessage).distinct().toList();
    int failed = statistics.getFailedJobs();
    return new MigrationProgress(batchId, failed > 0 ? "FAILED" : "RUNNING", statistics.getTotalJobs(),
        statistics.getCompletedJobs(), failed, statistics.getRemainingJobs(), batch.getInvocationsPerBatchJob(),
        failures, started, null);
  }

  /** Every running case of the version, page by page: queries made as a person may not be unbounded. */
  private List<ProcessInstance> runningCases(ProcessDefinition source) {
    List<ProcessInstance> all = new ArrayList<>();
    for (int first = 0; ; first += PAGE) {
      List<ProcessInstance> page = runtime.createProcessInstanceQuery().processDefinitionId(source.getId())
          .orderByProcessInstanceId().asc().listPage(first, PAGE);
      all.addAll(page);
      if (page.size() < PAGE) {
        return all;
      }
    }
  }

  private static void validate(MigrationRequest request) {
    Violations violations = new Violations();
    violations.text("processDefinitionKey", request.processDefinitionKey(), 1, 255);
    violations.integer("fromVersion", request.fromVersion(), 1, Integer.MAX_VALUE);
    if (request.toVersion() != null) {
      violations.integer("toVersion", request.toVersion(), 1, Integer.MAX_VALUE);
    }
    List<MigrationRequest.Mapping> mappings = request.mappingsOrNone();
    for (int i = 0; i < mappings.size(); i++) {
      MigrationRequest.Mapping mapping = mappings.get(i);
      if (mapping == null) {
        violations.required("mappings[" + i + "]", null);
        continue;
      }
      violations.text("mappings[" + i + "].from", mapping.from(), 1, 255);
      violations.text("mappings[" + i + "].to", mapping.to(), 1, 255);
    }
    violations.throwIfAny();
  }

  private ProcessDefinition version(String key, int version, String field) {
    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
        .processDefinitionVersion(version).singleResult();
    if (definition == null) {
      ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
          .singleResult();
      if (latest == null) {
        refuse("processDefinitionKey", "names no deployed process");
      }
      refuse(field, "names no version of " + key + " (versions 1 to " + latest.getVersion() + ")");
    }
    return definition;
  }

  /** Equal ids mapped, then the explicit mappings in place of any equal mapping of the same activity. */
  private MigrationPlan plan(ProcessDefinition source, ProcessDefinition target, List<MigrationRequest.Mapping> explicit) {
    Set<String> remapped = explicit.stream().map(MigrationRequest.Mapping::from).collect(Collectors.toSet());
    try {
      MigrationPlan equal = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
      MigrationPlanBuilder builder = runtime.createMigrationPlan(source.getId(), target.getId());
      for (MigrationInstruction instruction : equal.getInstructions()) {
        if (!remapped.contains(instruction.getSourceActivityId())) {
          MigrationInstructionBuilder mapped =
              builder.mapActivities(instruction.getSourceActivityId(), instruction.getTargetActivityId());
          builder = instruction.isUpdateEventTrigger() ? mapped.updateEventTrigger() : mapped;
        }
      }
      for (MigrationRequest.Mapping mapping : explicit) {
        builder = builder.mapActivities(mapping.from(), mapping.to());
      }
      return builder.build();
    } catch (MigrationPlanValidationException e) {
      List<String> failures = new ArrayList<>();
      e.getValidationReport().getInstructionReports().forEach(report -> report.getFailures().forEach(failure ->
          failures.add(report.getMigrationInstruction().getSourceActivityId() + " → "
              + report.getMigrationInstruction().getTargetActivityId() + ": " + failure)));
      if (failures.isEmpty()) {
        failures.add("the engine refused the plan: " + e.getMessage());
      }
      Violations violations = new Violations();
      failures.forEach(failure -> violations.add("mappings", failure));
      violations.throwIfAny();
      throw e;
    }
  }

  /** The engine's reasons why the case cannot move (none: it can), from a migration that is rolled back. */
  private List<String> reasonsAgainst(MigrationPlan plan, String processInstanceId) {
    List<String> reasons = new ArrayList<>();
    rolledBack.executeWithoutResult(status -> {
      status.setRollbackOnly();
      try {
        Privileged.run("trying a migration", () ->
            runtime.newMigration(plan).processInstanceIds(processInstanceId).skipCustomListeners().execute());
      } catch (MigratingProcessInstanceValidationException e) {
        e.getValidationReport().getFailures().forEach(reasons::add);
        e.getValidationReport().getActivityInstanceReports().forEach(report -> report.getFailures()
            .forEach(failure -> reasons.add(report.getSourceScopeId() + ": " + failure)));
        e.getValidationReport().getTransitionInstanceReports().forEach(report -> report.getFailures()
            .forEach(failure -> reasons.add(report.getSourceScopeId() + ": " + failure)));
        if (reasons.isEmpty()) {
          reasons.add(e.getMessage());
        }
      }
    });
    return reasons;
  }

  /** The activities a case waits in: the leaves of its activity tree. */
  private static List<String> waitingActivities(ActivityInstance instance) {
    List<String> leaves = new ArrayList<>();
    if (instance == null) {
      return leaves;
    }
    if (instance.getChildActivityInstances().length == 0 && instance.getChildTransitionInstances().length == 0) {
      leaves.add(instance.getActivityId());
    }
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      leaves.addAll(waitingActivities(child));
    }
    for (var transition : instance.getChildTransitionInstances()) {
      leaves.add(transition.getActivityId());
    }
    return leaves;
  }

  private static Map<String, String> mappingsOf(MigrationPlan plan) {
    Map<String, String> mappings = new LinkedHashMap<>();
    plan.getInstructions().stream().filter(i -> !i.getSourceActivityId().equals(i.getTargetActivityId()))
        .forEach(i -> mappings.put(i.getSourceActivityId(), i.getTargetActivityId()));
    return mappings;
  }

  private static void refuse(String field, String message) {
    Violations violations = new Violations();
    violations.add(field, message);
    violations.throwIfAny();
  }
}
