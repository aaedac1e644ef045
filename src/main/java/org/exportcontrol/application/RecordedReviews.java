package org.exportcontrol.application;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Every recommendation, decision and countersignature of each application, oldest first, as the
 * staff's application view shows them. The review feature answers it (reviews depend on
 * applications, not the other way round).
 */
public interface RecordedReviews {

  Map<String, List<ApplicationView.Review>> of(Collection<String> applicationIds);
}
