package org.exportcontrol.screening.restrictedparty;

import java.util.List;
import org.exportcontrol.engine.ProcessContract;
import org.exportcontrol.identity.Groups;
import org.springframework.stereotype.Component;

/**
 * The contract of processes/restrictedPartyRescreening.bpmn: the job that screens every live license
 * and every application under review again after a list was imported. No user tasks.
 */
@Component
public class RestrictedPartyRescreeningProcess extends ProcessContract {

  public static final String KEY = "restrictedPartyRescreening";
  public static final String IMPORT_ID = "importId";

  public RestrictedPartyRescreeningProcess() {
    // the import starts it as the importing compliance officer (administrators may do anything)
    super(KEY, List.of(), List.of(Groups.COMPLIANCE_OFFICERS), null);
  }
}
