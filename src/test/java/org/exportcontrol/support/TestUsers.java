package org.exportcontrol.support;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;

/** Users the demo set does not have, made for a test (password = user id), idempotently. */
public final class TestUsers {

  private TestUsers() {}

  public static void ensure(ProcessEngine engine, String id, String... groups) {
    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(id);
      user.setLastName("Test");
      user.setEmail(id + "@exportcontrol.example");
      user.setPassword(id);
      identity.saveUser(user);
    }
    for (String group : groups) {
      if (identity.createGroupQuery().groupId(group).count() == 0) {
        var created = identity.newGroup(group);
        created.setName(group);
        created.setType("WORKFLOW");
        identity.saveGroup(created);
      }
      if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
        identity.createMembership(id, group);
      }
    }
  }
}
