package org.exportcontrol.misuse;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.exportcontrol.license.LicenseRevocationProcess;
import org.exportcontrol.wording.Wording;
import org.springframework.stereotype.Component;

/**
 * What the enforcement forms show of the misuse report behind a task: its category, source, summary,
 * evidence and triage severity, in words. Set on the report's own tasks and on the tasks of the
 * revocation it called (whose process holds only the report's id), as task-local display variables.
 * A revocation started by hand has no report: those forms hide the section.
 */
@Component
public class EnforcementFormVariables extends AbstractBpmnParseListener {

  public static final String EVIDENCE_TEXT = "misuseEvidenceText";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MisuseReportRepository reports;
  private final Wording wording;

  public EnforcementFormVariables(MisuseReportRepository reports, Wording wording) {
    this.reports = reports;
    this.wording = wording;
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    String process = ((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey();
    if (MisuseReportProcess.KEY.equals(process) || LicenseRevocationProcess.KEY.equals(process)) {
      ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
          .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, this::prepare);
    }
  }

  void prepare(DelegateTask task) {
    Object id = task.getVariable(MisuseReportProcess.REPORT_ID);
    MisuseReport report = id == null ? null : reports.find(String.valueOf(id)).orElse(null);
    if (report == null) {
      return;
    }
    task.setVariableLocal(MisuseReportProcess.REFERENCE, report.reference());
    task.setVariableLocal(MisuseReportProcess.CATEGORY + "Text", wording.label(report.category()));
    task.setVariableLocal(MisuseReportProcess.SOURCE, report.source());
    task.setVariableLocal(MisuseReportProcess.SUMMARY, report.summary());
    task.setVariableLocal(EVIDENCE_TEXT, evidence(report.evidence()));
    if (report.severity() != null) {
      task.setVariableLocal(MisuseReportProcess.SEVERITY + "Text", wording.label(report.severity()));
    }
  }

  /** One item a line; empty when the report has none (the forms then hide the field). */
  static String evidence(String json) {
    if (json == null || json.isBlank()) {
      return "";
    }
    try {
      List<String> items = JSON.readValue(json, new TypeReference<List<String>>() {});
      return items.stream().map(item -> "• " + item).collect(Collectors.joining("\n"));
    } catch (java.io.IOException unreadable) {
      return json;
    }
  }
}
