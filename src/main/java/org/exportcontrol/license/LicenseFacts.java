package org.exportcontrol.license;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.exportcontrol.application.Application;
import org.exportcontrol.application.ApplicationRepository;
import org.springframework.stereotype.Component;

/** What enforcement processes and their emails need to know about a license: its holder, product and end user. */
@Component
public class LicenseFacts {

  private final LicenseRepository licenses;
  private final ApplicationRepository applications;

  public LicenseFacts(LicenseRepository licenses, ApplicationRepository applications) {
    this.licenses = licenses;
    this.applications = applications;
  }

  /** Process variables for the license, or empty when there is no such license. */
  public Optional<Map<String, Object>> of(String number) {
    return licenses.find(number).map(license -> {
      Application a = applications.find(license.applicationId()).orElseThrow();
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("licenseNumber", license.licenseNumber());
      facts.put("licenseHolder", a.submittedBy());
      facts.put("exporterName", a.exporterName());
      facts.put("applicationReference", a.reference());
      facts.put("productName", a.productName());
      facts.put("endUserName", a.endUserName());
      facts.put("endUserCountry", a.endUserCountry());
      facts.put("licenseValidUntil", license.validUntil().toString());
      return facts;
    });
  }
}
