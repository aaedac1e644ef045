package org.exportcontrol.notification;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * One email to every member of a group who has an address, each with its own idempotency key
 * ({@code <baseKey>:<userId>}), so that a retry after a partial failure sends only the rest.
 */
@Component
public class GroupEmails {

  private static final int MAX_MEMBERS = 1000;

  private final EmailOutbox outbox;
  private final IdentityService identityService;

  public GroupEmails(EmailOutbox outbox, IdentityService identityService) {
    this.outbox = outbox;
    this.identityService = identityService;
  }

  public void send(String baseKey, String groupId, String template, Map<String, Object> model, String businessKey,
      String processInstanceId) {
    for (User member : identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc()
        .listPage(0, MAX_MEMBERS)) {
      if (member.getEmail() != null && !member.getEmail().isBlank()) {
        Map<String, Object> personal = new HashMap<>(model);
        personal.put("recipientName", member.getFirstName());
        outbox.send(new Email(baseKey + ":" + member.getId(), member.getEmail(), template, personal, businessKey,
            processInstanceId));
      }
    }
  }
}
