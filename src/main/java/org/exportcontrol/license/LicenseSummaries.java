package org.exportcontrol.license;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.exportcontrol.application.ApplicationView;
import org.exportcontrol.application.IssuedLicenses;
import org.springframework.stereotype.Component;

/** The licenses the application views show ({@link IssuedLicenses}). */
@Component
class LicenseSummaries implements IssuedLicenses {

  private final LicenseRepository licenses;

  LicenseSummaries(LicenseRepository licenses) {
    this.licenses = licenses;
  }

  @Override
  public Map<String, ApplicationView.LicenseSummary> of(Collection<String> applicationIds) {
    return licenses.findByApplications(applicationIds).values().stream().collect(Collectors.toMap(License::applicationId,
        l -> new ApplicationView.LicenseSummary(l.licenseNumber(), l.status().name(), l.validFrom(), l.validUntil(),
            l.conditions())));
  }
}
