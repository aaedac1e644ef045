package org.exportcontrol.identity;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The authenticated caller of the API, with its Camunda groups. */
public record CurrentUser(String userId, List<String> groups) {

  public static CurrentUser get() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()) {
      throw new IllegalStateException("No authenticated user");
    }
    return new CurrentUser(authentication.getName(),
        authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
  }

  /** Staff and administrators read every case; applicants only their company's. */
  public boolean isStaff() {
    return groups.contains(Groups.ADMIN) || groups.stream().anyMatch(Groups.STAFF::contains);
  }
}
