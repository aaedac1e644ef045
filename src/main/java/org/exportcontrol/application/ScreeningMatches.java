package org.exportcontrol.application;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The restricted-party list entries each application's end user matched, as the staff's application
 * view shows them (issue 18). The screening feature answers it (screening depends on applications,
 * not the other way round).
 */
public interface ScreeningMatches {

  Map<String, List<ApplicationView.ScreeningMatch>> of(Collection<String> applicationIds);
}
