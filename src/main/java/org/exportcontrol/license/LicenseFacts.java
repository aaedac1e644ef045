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

  public static final String LICENSE_NUMBER = "licenseNumber";
  public static final String LICENSE_HOLDER = "licenseHolder";
  public static final String EXPORTER_NAME = "exporterName";
  public static final String APPLICATION_REFERENCE = "applicationReference";
  public static final String PRODUCT_NAME = "productName";
  public static final String END_USER_NAME = "endUserName";
  public static final String END_USER_COUNTRY = "endUserCountry";
  public static final String LICENSE_VALID_UNTIL = "licenseValidUntil";

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
      facts.put(LICENSE_NUMBER, license.licenseNumber());
      facts.put(LICENSE_HOLDER, a.submittedBy());
      facts.put(EXPORTER_NAME, a.exporterName());
      facts.put(APPLICATION_REFERENCE, a.reference());
      facts.put(PRODUCT_NAME, a.productName());
      facts.put(END_USER_NAME, a.endUserName());
      facts.put(END_USER_COUNTRY, a.endUserCountry());
      facts.put(LICENSE_VALID_UNTIL, license.validUntil().toString());
      return facts;
    });
  }
}
