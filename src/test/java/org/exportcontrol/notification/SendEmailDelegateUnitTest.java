package org.exportcontrol.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The email step without an engine: its key, its recipient and the model the template sees. */
class SendEmailDelegateUnitTest {

  final EmailOutbox outbox = mock(EmailOutbox.class);
  final IdentityService identityService = mock(IdentityService.class, RETURNS_DEEP_STUBS);
  final GroupEmails groupEmails = mock(GroupEmails.class);
  final SendEmailDelegate delegate = new SendEmailDelegate(outbox, identityService, groupEmails);
  final DelegateExecution execution = mock(DelegateExecution.class, RETURNS_DEEP_STUBS);
  final Map<String, Object> inputs = new HashMap<>();

  @BeforeEach
  void setUp() {
    when(execution.getProcessInstanceId()).thenReturn("pi-1");
    when(execution.getCurrentActivityId()).thenReturn("notify");
    when(execution.getProcessBusinessKey()).thenReturn("EXP-1");
    when(execution.getVariables()).thenReturn(Map.of("applicant", "Ada"));
    when(execution.getVariableLocal(anyString())).thenAnswer(call -> inputs.get(call.<String>getArgument(0)));
    finishedBefore(0);
    inputs.put("emailTemplate", "notice");
  }

  void finishedBefore(long count) {
    when(execution.getProcessEngineServices().getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId("pi-1").activityId("notify").finished().count()).thenReturn(count);
  }

  Email sent() {
    ArgumentCaptor<Email> email = ArgumentCaptor.forClass(Email.class);
    verify(outbox).send(email.capture());
    return email.getValue();
  }

  @Test
  void anEmailToAnAddressIsKeyedByInstanceAndStep() {
    inputs.put("emailTo", "ada@example.com");
    delegate.execute(execution);
    Email email = sent();
    assertThat(email.key()).isEqualTo("pi-1:notify");
    assertThat(email.to()).isEqualTo("ada@example.com");
    assertThat(email.template()).isEqualTo("notice");
    assertThat(email.model()).isEqualTo(Map.of("applicant", "Ada", "businessKey", "EXP-1"));
    assertThat(email.businessKey()).isEqualTo("EXP-1");
    assertThat(email.processInstanceId()).isEqualTo("pi-1");
  }

  @Test
  void aSecondRunOfTheStepAndAnExtraKeyMakeADifferentKey() {
    finishedBefore(1);
    inputs.put("emailTo", "ada@example.com");
    inputs.put("emailKey", "reminder");
    delegate.execute(execution);
    assertThat(sent().key()).isEqualTo("pi-1:notify:2:reminder");
    assertThat(SendEmailDelegate.occurrence(execution)).isEqualTo(":2");
    finishedBefore(0);
    assertThat(SendEmailDelegate.occurrence(execution)).isEmpty();
  }

  @Test
  void anEmailToAUserGoesToTheUsersAddress() {
    User user = mock(User.class);
    when(user.getEmail()).thenReturn("tech@agency.example");
    when(identityService.createUserQuery().userId("tech").singleResult()).thenReturn(user);
    inputs.put("emailToUser", "tech");
    delegate.execute(execution);
    assertThat(sent().to()).isEqualTo("tech@agency.example");
  }

  @Test
  void aUserWithoutAnAddressFailsTheStep() {
    inputs.put("emailToUser", "tech");
    assertThatThrownBy(() -> delegate.execute(execution)).isInstanceOf(IllegalStateException.class)
        .hasMessage("User 'tech' has no email address");
    User user = mock(User.class);
    when(identityService.createUserQuery().userId("tech").singleResult()).thenReturn(user);
    assertThatThrownBy(() -> delegate.execute(execution)).hasMessage("User 'tech' has no email address");
    when(user.getEmail()).thenReturn(" ");
    assertThatThrownBy(() -> delegate.execute(execution)).hasMessage("User 'tech' has no email address");
    verifyNoInteractions(outbox);
  }

  @Test
  void anEmailToAGroupGoesToEachMember() {
    inputs.put("emailToGroup", "licensing-officers");
    inputs.put("emailTo", "ignored@example.com");
    delegate.execute(execution);
    verify(groupEmails).send("pi-1:notify", "licensing-officers", "notice", Map.of("applicant", "Ada", "businessKey",
        "EXP-1"), "EXP-1", "pi-1");
    verifyNoInteractions(outbox);
  }

  @Test
  void aBlankGroupIsNoGroup() {
    inputs.put("emailToGroup", " ");
    inputs.put("emailTo", "ada@example.com");
    delegate.execute(execution);
    assertThat(sent().to()).isEqualTo("ada@example.com");
    verifyNoInteractions(groupEmails);
  }

  @Test
  void aTemplateAndARecipientAreRequired() {
    inputs.remove("emailTemplate");
    assertThatThrownBy(() -> delegate.execute(execution)).isInstanceOf(IllegalStateException.class)
        .hasMessage("Input parameter 'emailTemplate' is missing on activity notify");
    inputs.put("emailTemplate", " ");
    assertThatThrownBy(() -> delegate.execute(execution)).hasMessage("Input parameter 'emailTemplate' is missing on activity notify");
    inputs.put("emailTemplate", "notice");
    assertThatThrownBy(() -> delegate.execute(execution)).hasMessage("Input parameter 'emailToUser' is missing on activity notify");
    verifyNoInteractions(outbox, groupEmails);
  }

}
