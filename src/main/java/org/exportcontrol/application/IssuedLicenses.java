package org.exportcontrol.application;

import java.util.Collection;
import java.util.Map;

/**
 * The license issued on each application, as the application view shows it. The license feature
 * answers it, so that applications need not know how licenses are stored (licenses depend on
 * applications, not the other way round).
 */
public interface IssuedLicenses {

  /** The licenses of those of these applications that have one, by application id (one query for a page). */
  Map<String, ApplicationView.LicenseSummary> of(Collection<String> applicationIds);
}
