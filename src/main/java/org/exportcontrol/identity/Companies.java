package org.exportcontrol.identity;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/** Exporting companies are Camunda groups of type {@value Groups#COMPANY_TYPE}; administrators manage them in Admin. */
@Component
public class Companies {

  private final IdentityService identityService;

  public Companies(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The company the user belongs to; empty when none (or, a misconfiguration, more than one). */
  public Optional<Group> companyOf(String userId) {
    // paged: queries made as the caller may not be unbounded (queryMaxResultsLimit)
    List<Group> companies = identityService.createGroupQuery().groupMember(userId).groupType(Groups.COMPANY_TYPE)
        .listPage(0, 2);
    return companies.size() == 1 ? Optional.of(companies.get(0)) : Optional.empty();
  }
}
