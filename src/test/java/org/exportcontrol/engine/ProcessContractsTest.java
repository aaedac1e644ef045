package org.exportcontrol.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.exportcontrol.application.ApplicantInformationRequestProcess;
import org.exportcontrol.application.ApplicationAppealProcess;
import org.exportcontrol.application.ExportLicenseReviewProcess;
import org.exportcontrol.cancellation.CaseCancellationProcess;
import org.exportcontrol.license.LicenseExpiryProcess;
import org.exportcontrol.license.LicenseRevocationProcess;
import org.exportcontrol.misuse.MisuseReportProcess;
import org.exportcontrol.screening.restrictedparty.RestrictedPartyRescreeningProcess;
import org.junit.jupiter.api.Test;

/**
 * Each process contract against its diagram in processes/, both ways: every declared user task is in
 * the diagram with the contract's candidate group, every user task of the diagram is declared, and
 * every diagram has a contract. (The engine refuses a deployment that differs; this says so before.)
 */
class ProcessContractsTest {

  static final List<ProcessContract> CONTRACTS = List.of(new ExportLicenseReviewProcess(),
      new ApplicantInformationRequestProcess(), new MisuseReportProcess(), new LicenseRevocationProcess(),
      new LicenseExpiryProcess(), new CaseCancellationProcess(), new RestrictedPartyRescreeningProcess(),
      new ApplicationAppealProcess());

  @Test
  void everyDiagramHasAContract() throws IOException {
    List<String> keys;
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      keys = files.filter(f -> f.toString().endsWith(".bpmn")).map(ProcessContractsTest::model)
          .flatMap(model -> model.getModelElementsByType(Process.class).stream()).map(Process::getId).toList();
    }
    assertThat(CONTRACTS).extracting(ProcessContract::processKey).containsExactlyInAnyOrderElementsOf(keys);
  }

  @Test
  void everyContractMatchesItsDiagramBothWays() {
    for (ProcessContract contract : CONTRACTS) {
      BpmnModelInstance model = model(Path.of("processes", contract.processKey() + ".bpmn"));
      Map<String, String> inDiagram = model.getModelElementsByType(UserTask.class).stream()
          .collect(Collectors.toMap(UserTask::getId, task -> String.valueOf(task.getCamundaCandidateGroups())));
      Map<String, String> declared = contract.userTasks().stream()
          .collect(Collectors.toMap(ProcessContract.UserTask::key, ProcessContract.UserTask::candidateGroup));
      assertThat(inDiagram).as("user tasks and candidate groups of " + contract.processKey()).isEqualTo(declared);
    }
  }

  @Test
  void everyDeclaredTaskSetsFieldsAndIsFoundOnlyInItsProcess() {
    for (ProcessContract contract : CONTRACTS) {
      for (ProcessContract.UserTask task : contract.userTasks()) {
        assertThat(task.fields()).as(task.key()).isNotEmpty();
      }
    }
    ProcessContracts registry = new ProcessContracts(CONTRACTS);
    assertThat(registry.userTask(ExportLicenseReviewProcess.KEY, ExportLicenseReviewProcess.TECHNICAL_REVIEW)
        .orElseThrow().fields()).containsExactlyInAnyOrder("technicalRecommendation", "technicalComments");
    assertThat(registry.userTask(ExportLicenseReviewProcess.KEY, "notATask")).isEmpty();
    assertThat(registry.userTask("notAProcess", ExportLicenseReviewProcess.TECHNICAL_REVIEW)).isEmpty();
  }

  private static BpmnModelInstance model(Path file) {
    return Bpmn.readModelFromFile(file.toFile());
  }
}
