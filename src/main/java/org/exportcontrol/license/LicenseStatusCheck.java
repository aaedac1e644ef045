package org.exportcontrol.license;

import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/** {@code ${licenseStatus.isActive(licenseNumber)}} in gateways: the license's current state, read when asked. */
@Component("licenseStatus")
@ProcessBean
public class LicenseStatusCheck {

  private final LicenseRepository licenses;

  public LicenseStatusCheck(LicenseRepository licenses) {
    this.licenses = licenses;
  }

  public boolean isActive(String licenseNumber) {
    return licenses.find(licenseNumber).map(l -> l.status() == LicenseStatus.ACTIVE).orElse(false);
  }
}
