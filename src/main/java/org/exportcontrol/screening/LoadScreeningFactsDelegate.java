package org.exportcontrol.screening;

import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.exportcontrol.application.Application;
import org.exportcontrol.application.ApplicationRepository;
import org.exportcontrol.application.ExportLicenseReviewProcess.Facts;
import org.exportcontrol.application.ExportLicenseReviewProcess;
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
    Application a = applications.find((String) execution.getVariable(ExportLicenseReviewProcess.APPLICATION_ID)).orElseThrow();
    // inputs of the decision tables
    execution.setVariable(Facts.END_USER_TYPE, a.endUserType());
    execution.setVariable(Facts.END_USER_COUNTRY, a.endUserCountry());
    execution.setVariable(Facts.PRODUCT_CATEGORY, a.productCategory());
    execution.setVariable(Facts.REMOTE_SHUTDOWN_CAPABLE, a.productRemoteShutdownCapable());
    execution.setVariable(Facts.MIN_SERIOUS_CRIME_PENALTY_YEARS, a.minSeriousCrimePenaltyYears());
    execution.setVariable(Facts.CERTIFICATE_COMPLETE, a.certificateComplete());
    // what reviewers see in their forms
    execution.setVariable(ExportLicenseReviewProcess.REFERENCE, a.reference());
    execution.setVariable(Facts.EXPORTER_NAME, a.exporterName());
    execution.setVariable(Facts.PRODUCT_NAME, a.productName());
    execution.setVariable(Facts.PRODUCT_CONTROL_ENTRY, a.productControlEntry() == null ? "" : a.productControlEntry());
    execution.setVariable(Facts.PRODUCT_DESCRIPTION, a.productDescription() == null ? "" : a.productDescription());
    execution.setVariable(Facts.END_USER_NAME, a.endUserName());
    execution.setVariable(Facts.DECLARED_PURPOSES_TEXT, a.declaredPurposes().stream()
        .map(p -> "TERRORIST_ACT".equals(p.kind())
            ? "Terrorist act: " + p.act()
            : "Serious crime: " + p.offence() + " (up to " + p.maxPenaltyYears() + " years)")
        .collect(Collectors.joining("\n")));
    execution.setVariable(Facts.CERTIFICATE_TEXT, a.hasCertificate()
        ? "Signed by " + a.certificateSignatory() + " on " + a.certificateSignedOn()
            + (Boolean.TRUE.equals(a.certificateProhibitedUsesAcknowledged())
                ? "; prohibited uses acknowledged" : "; prohibited uses NOT acknowledged")
        : "No end-use certificate");
  }
}
