package org.exportcontrol.identity;

import java.sql.Timestamp;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a user may still log in, as the database says now. The credential cache of every node asks
 * it before it answers from memory, so a lock or a removal made on another node (issue 20) counts at
 * once everywhere, not when the remembered success runs out. One lookup by primary key, in place of
 * the password hash and the group and tenant queries the cache saves.
 */
@Component
public class AccountStates {

  private final JdbcClient jdbc;
  private final ProcessEngineConfigurationImpl engine;

  public AccountStates(JdbcClient jdbc, ProcessEngineConfigurationImpl engine) {
    this.jdbc = jdbc;
    this.engine = engine;
  }

  /** The user exists and is not locked, by the rule of Camunda's own password check. */
  public boolean admitted(String userId) {
    return jdbc.sql("select ATTEMPTS_, LOCK_EXP_TIME_ from ACT_ID_USER where ID_ = ?").param(userId)
        .query((rs, row) -> {
          Timestamp lockedUntil = rs.getTimestamp("LOCK_EXP_TIME_");
          return rs.getInt("ATTEMPTS_") < engine.getLoginMaxAttempts()
              && (lockedUntil == null || !lockedUntil.after(ClockUtil.getCurrentTime()));
        })
        .optional().orElse(false);
  }
}
