package org.exportcontrol.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;

/**
 * The interventions that stay open to operators (retrying an incident, executing a job, moving a
 * timer, suspending a definition or a case, changing who belongs to a group) are written to the decision log, in the same transaction
 * as the intervention, with who did it. Only what a person does is recorded: the job executor runs
 * the same commands without an authenticated user.
 */
public class InterventionRecord extends CommandInterceptor {

  private static final String CMD = "org.camunda.bpm.engine.impl.cmd.";

  private static final Map<String, DecisionAction> RECORDED = Map.ofEntries(
      Map.entry(CMD + "SetJobRetriesCmd", DecisionAction.INCIDENT_RETRIED),
      Map.entry(CMD + "SetJobsRetriesBatchCmd", DecisionAction.INCIDENT_RETRIED),
      Map.entry(CMD + "SetExternalTaskRetriesCmd", DecisionAction.INCIDENT_RETRIED),
      Map.entry(CMD + "SetExternalTasksRetriesCmd", DecisionAction.INCIDENT_RETRIED),
      Map.entry(CMD + "ExecuteJobsCmd", DecisionAction.JOB_EXECUTED),
      Map.entry(CMD + "SetJobDuedateCmd", DecisionAction.JOB_DUE_DATE_CHANGED),
      Map.entry(CMD + "SuspendProcessDefinitionCmd", DecisionAction.DEFINITION_SUSPENDED),
      Map.entry(CMD + "ActivateProcessDefinitionCmd", DecisionAction.DEFINITION_ACTIVATED),
      Map.entry(CMD + "SuspendJobDefinitionCmd", DecisionAction.DEFINITION_SUSPENDED),
      Map.entry(CMD + "ActivateJobDefinitionCmd", DecisionAction.DEFINITION_ACTIVATED),
      Map.entry(CMD + "SuspendProcessInstanceCmd", DecisionAction.CASE_SUSPENDED),
      Map.entry(CMD + "ActivateProcessInstanceCmd", DecisionAction.CASE_ACTIVATED),
      Map.entry(CMD + "SuspendJobCmd", DecisionAction.CASE_SUSPENDED),
      Map.entry(CMD + "ActivateJobCmd", DecisionAction.CASE_ACTIVATED),
      Map.entry(CMD + "CreateMembershipCmd", DecisionAction.MEMBERSHIP_CHANGED),
      Map.entry(CMD + "DeleteMembershipCmd", DecisionAction.MEMBERSHIP_CHANGED),
      Map.entry(CMD + "UnlockUserCmd", DecisionAction.USER_UNLOCKED));

  /** Fields that identify what an intervention touched, on the command or on its builder. */
  private static final String[] IDENTIFYING = {"jobId", "jobIds", "jobDefinitionId", "processDefinitionId",
      "processDefinitionKey", "processInstanceId", "externalTaskId", "retries", "newDuedate", "cascade", "userId",
      "groupId"};

  private final DecisionLog decisionLog;

  public InterventionRecord(DecisionLog decisionLog) {
    this.decisionLog = decisionLog;
  }

  @Override
  public <T> T execute(Command<T> command) {
    DecisionAction action = RECORDED.get(command.getClass().getName());
    CommandContext context = Context.getCommandContext();
    Authentication user = context == null ? null : context.getAuthentication();
    if (action == null || user == null || user.getUserId() == null) {
      return next.execute(command);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("operation", command.getClass().getSimpleName().replace("Cmd", ""));
    collect(command, details);
    Object builder = CommandFields.optional(command, "builder");
    if (builder != null) {
      collect(builder, details);
    }
    // before the command runs: an executed job is gone afterwards
    String subject = subject(context, details);
    T result = next.execute(command);
    decisionLog.record(subject, action, details);
    return result;
  }

  private static String subject(CommandContext context, Map<String, Object> details) {
    if (details.get("userId") instanceof String userId && !details.containsKey("jobId")) {
      return "user:" + userId;
    }
    String processInstanceId = (String) details.get("processInstanceId");
    if (details.get("jobId") instanceof String jobId) {
      JobEntity job = context.getJobManager().findJobById(jobId);
      processInstanceId = job == null ? null : job.getProcessInstanceId();
    }
    if (processInstanceId != null) {
      ExecutionEntity instance = context.getExecutionManager().findExecutionById(processInstanceId);
      if (instance != null && instance.getBusinessKey() != null) {
        return instance.getBusinessKey();
      }
    }
    if (details.get("processDefinitionKey") instanceof String key) {
      return "definition:" + key;
    }
    if (details.get("processDefinitionId") instanceof String id) {
      ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
          .findProcessDefinitionFromCache(id);
      return definition == null ? "definition:" + id : "definition:" + definition.getKey();
    }
    return "engine";
  }

  private static void collect(Object source, Map<String, Object> details) {
    for (String name : IDENTIFYING) {
      Object value = CommandFields.optional(source, name);
      if (value != null && !details.containsKey(name)) {
        details.put(name, value instanceof java.util.Date date ? date.toInstant().toString() : String.valueOf(value));
      }
    }
  }
}
