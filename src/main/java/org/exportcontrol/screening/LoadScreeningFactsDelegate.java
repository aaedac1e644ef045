package org.exportcontrol.screening;

import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.application.Application;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/**
 * {@code ${loadScreeningFacts}}: puts what the screening tables and the reviewers' forms need into
 * process variables, from the application as stored (again after the applicant sent a certificate).
 */
@Component("loadScreeningFacts")
@ProcessBean
public class LoadScreeningFactsDelegate implements JavaDelegate {

  private final ApplicationRepository applications;

  public LoadScreeningFactsDelegate(ApplicationRepository applications) {
    this.applications = applications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Application a = applications.find((String) execution.getVariable("applicationId")).orElseThrow();
    // inputs of the decision tables
    execution.setVariable("endUserType", a.endUserType());
    execution.setVariable("endUserCountry", a.endUserCountry());
    execution.setVariable("productCategory", a.productCategory());
    execution.setVariable("remoteShutdownCapable", a.productRemoteShutdownCapable());
    execution.setVariable("minSeriousCrimePenaltyYears", a.minSeriousCrimePenaltyYears());
    execution.setVariable("certificateComplete", a.certificateComplete());
    // what reviewers see in their forms
    execution.setVariable("reference", a.reference());
    execution.setVariable("exporterName", a.exporterName());
    execution.setVariable("productName", a.productName());
    execution.setVariable("productControlEntry", a.productControlEntry() == null ? "" : a.productControlEntry());
    execution.setVariable("productDescription", a.productDescription() == null ? "" : a.productDescription());
    execution.setVariable("endUserName", a.endUserName());
    execution.setVariable("declaredPurposesText", a.declaredPurposes().stream()
        .map(p -> "TERRORIST_ACT".equals(p.kind())
            ? "Terrorist act: " + p.act()
            : "Serious crime: " + p.offence() + " (up to " + p.maxPenaltyYears() + " years)")
        .collect(Collectors.joining("\n")));
    execution.setVariable("certificateText", a.hasCertificate()
        ? "Signed by " + a.certificateSignatory() + " on " + a.certificateSignedOn()
            + (Boolean.TRUE.equals(a.certificateProhibitedUsesAcknowledged())
                ? "; prohibited uses acknowledged" : "; prohibited uses NOT acknowledged")
        : "No end-use certificate");
  }
}
