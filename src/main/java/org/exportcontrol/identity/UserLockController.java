package org.exportcontrol.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administrators lock and unlock users (ADR 0021); /api/admin/** is for camunda-admin only (SecurityConfiguration). */
@RestController
@Tag(name = "Administration")
class UserLockController {

  private final UserLocks locks;

  UserLockController(UserLocks locks) {
    this.locks = locks;
  }

  /** What an administrator did to a user's login. */
  record UserLockView(String userId, boolean locked) {}

  @PostMapping(path = "/api/admin/users/{userId}/lock", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Lock a user out",
      description = "The user's right password is refused by the webapps and both APIs until an administrator "
          + "unlocks it; recorded in the decision log. 404 for an unknown user.")
  UserLockView lock(@PathVariable String userId) {
    locks.lock(userId);
    return new UserLockView(userId, true);
  }

  @PostMapping(path = "/api/admin/users/{userId}/unlock", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Unlock a user",
      description = "Ends a lock and the user's login throttle; recorded in the decision log. 404 for an unknown user.")
  UserLockView unlock(@PathVariable String userId) {
    locks.unlock(userId);
    return new UserLockView(userId, false);
  }
}
