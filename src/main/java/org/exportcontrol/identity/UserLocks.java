package org.exportcontrol.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.exportcontrol.api.CollisionRetry;
import org.exportcontrol.api.ResourceNotFoundException;
import org.exportcontrol.audit.DecisionAction;
import org.exportcontrol.audit.DecisionLog;
import org.springframework.stereotype.Component;

/**
 * An administrator locks a user out (a stolen password, someone who left) and lets the user in
 * again. The lock is Camunda's own permanent one, so the webapps and both APIs refuse the user's
 * right password alike; failed logins no longer set it (ADR 0021). Camunda offers unlocking only;
 * the lock sets the failed-attempt count to the engine's maximum, which is what Camunda's lock-out
 * did after the last allowed failure. Camunda Admin's "Unlock" and {@code /engine-rest/user/{id}/unlock}
 * undo it as well.
 */
@Component
public class UserLocks {

  private final ProcessEngineConfigurationImpl engine;
  private final IdentityService identityService;
  private final DecisionLog decisionLog;
  private final CollisionRetry retry;
  private final VerifiedCredentials credentials;
  private final LoginThrottle throttle;

  public UserLocks(ProcessEngineConfigurationImpl engine, IdentityService identityService, DecisionLog decisionLog,
      CollisionRetry retry, VerifiedCredentials credentials, LoginThrottle throttle) {
    this.engine = engine;
    this.identityService = identityService;
    this.decisionLog = decisionLog;
    this.retry = retry;
    this.credentials = credentials;
    this.throttle = throttle;
  }

  /** Locks the user, on the decision log as {@code USER_LOCKED} by the calling administrator. */
  public void lock(String userId) {
    retry.inTransaction("locking a user", () -> {
      if (!engine.getCommandExecutorTxRequired().execute(new LockUser(userId))) {
        throw new ResourceNotFoundException("No user " + userId);
      }
      // the same details as the engine's record of an unlock (InterventionRecord)
      decisionLog.record("user:" + userId, DecisionAction.USER_LOCKED,
          DecisionLog.details("operation", "LockUser", "userId", userId));
      return null;
    });
    // at once, not when the remembered success of the API's credential cache runs out
    credentials.forget(userId);
  }

  /**
   * Unlocks the user through Camunda's own unlock (on the decision log as {@code USER_UNLOCKED}, like
   * an unlock in Camunda Admin) and ends the user's login throttle: the administrator has vouched.
   */
  public void unlock(String userId) {
    retry.inTransaction("unlocking a user", () -> {
      if (identityService.createUserQuery().userId(userId).count() == 0) {
        throw new ResourceNotFoundException("No user " + userId);
      }
      identityService.unlockUser(userId);
      return null;
    });
    throttle.forget(userId);
  }

  /** Camunda's permanent lock: as many failed attempts as the engine allows. Only for camunda-admin. */
  private record LockUser(String userId) implements Command<Boolean> {

    @Override
    public Boolean execute(CommandContext context) {
      context.getAuthorizationManager().checkCamundaAdmin();
      UserEntity user = context.getReadOnlyIdentityProvider().findUserById(userId) instanceof UserEntity entity
          ? entity : null;
      if (user == null) {
        return false;
      }
      context.getIdentityInfoManager().updateUserLock(user, context.getProcessEngineConfiguration().getLoginMaxAttempts(),
          null);
      return true;
    }
  }
}
