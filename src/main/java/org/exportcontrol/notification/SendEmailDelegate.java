package org.exportcontrol.notification;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.exportcontrol.engine.ProcessBean;
import org.springframework.stereotype.Component;

/**
 * Service task {@code ${sendEmail}}: sends one templated email. Use it with
 * {@code camunda:asyncBefore="true"} and a retry cycle, so a failing SMTP server becomes retries and
 * then an incident instead of a lost email.
 *
 * <p>Input parameters: {@code emailTemplate} (required), one of {@code emailTo} (an address),
 * {@code emailToUser} (a user id whose address is looked up) or {@code emailToGroup} (every member of
 * the group, one email each), and {@code emailKey} (optional, added to the key).
 * The templates see every process variable and {@code businessKey}.
 *
 * <p>The email's idempotency key is the process instance, the activity and, from its second run in
 * a case on, the run's number: a retry after a rollback counts the same and never sends twice, and a
 * review's second reminder after a question loop is not taken for the first and dropped. The first
 * run's key is unchanged, so emails recorded before this rule are still recognised.
 */
@Component("sendEmail")
@ProcessBean
public class SendEmailDelegate implements JavaDelegate {

  public static final String TEMPLATE = "emailTemplate";
  public static final String TO = "emailTo";
  public static final String TO_USER = "emailToUser";
  public static final String TO_GROUP = "emailToGroup";
  public static final String KEY = "emailKey";

  private final EmailOutbox outbox;
  private final IdentityService identityService;
  private final GroupEmails groupEmails;

  public SendEmailDelegate(EmailOutbox outbox, IdentityService identityService, GroupEmails groupEmails) {
    this.outbox = outbox;
    this.identityService = identityService;
    this.groupEmails = groupEmails;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String template = required(execution, TEMPLATE);
    Object key = execution.getVariableLocal(KEY);
    String baseKey = execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId()
        + occurrence(execution) + (key == null ? "" : ":" + key);
    String businessKey = execution.getProcessBusinessKey();
    Map<String, Object> model = new HashMap<>(execution.getVariables());
    model.put("businessKey", businessKey);

    Object group = execution.getVariableLocal(TO_GROUP);
    if (group instanceof String groupId && !groupId.isBlank()) {
      groupEmails.send(baseKey, groupId, template, model, businessKey, execution.getProcessInstanceId());
      return;
    }
    String to = (String) execution.getVariableLocal(TO);
    if (to == null) {
      to = emailOf(required(execution, TO_USER));
    }
    outbox.send(new Email(baseKey, to, template, model, businessKey, execution.getProcessInstanceId()));
  }

  private String emailOf(String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
      throw new IllegalStateException("User '" + userId + "' has no email address");
    }
    return user.getEmail();
  }

  private static String required(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new IllegalStateException("Input parameter '" + name + "' is missing on activity "
          + execution.getCurrentActivityId());
    }
    return s;
  }

  /**
   * How many times this step has run to its end in this case before: 0 the first time, 1 after one
   * loop. A rolled-back attempt left no finished record, so a retry counts the same (history is FULL,
   * ADR 0014).
   */
  static String occurrence(DelegateExecution execution) {
    long before = execution.getProcessEngineServices().getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId()).activityId(execution.getCurrentActivityId())
        .finished().count();
    return before == 0 ? "" : ":" + (before + 1);
  }
}
