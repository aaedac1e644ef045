package org.exportcontrol.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.exportcontrol.audit.DecisionLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

  final IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);
  final Date start = new Date(1_800_000_000_000L);

  @BeforeEach
  void users() {
    ClockUtil.setCurrentTime(start);
    when(identity.checkPassword(anyString(), anyString())).thenReturn(false);
    when(identity.checkPassword("legal", "secret")).thenReturn(true);
    Group group = mock(Group.class);
    when(group.getId()).thenReturn("legal-reviewers");
    when(identity.createGroupQuery().groupMember("legal").list()).thenReturn(List.of(group));
    when(identity.createTenantQuery().userMember("legal").includingGroupsOfUser(true).list()).thenReturn(List.of());
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aSuccessIsRememberedUntilItsTimeToLiveEnds() {
    VerifiedCredentials credentials = credentials("PT30S");
    assertThat(credentials.verify("legal", "secret", "192.0.2.1")).get()
        .satisfies(v -> assertThat(v.groupIds()).containsExactly("legal-reviewers"));
    ClockUtil.setCurrentTime(new Date(start.getTime() + 29_000));
    assertThat(credentials.verify("legal", "secret", "192.0.2.1")).isPresent();
    verify(identity, times(1)).checkPassword("legal", "secret");

    ClockUtil.setCurrentTime(new Date(start.getTime() + 30_000));
    assertThat(credentials.verify("legal", "secret", "192.0.2.1")).isPresent();
    verify(identity, times(2)).checkPassword("legal", "secret");
  }

  @Test
  void everyFailureReachesTheIdentityServiceAndForgetsTheUsersSuccesses() {
    VerifiedCredentials credentials = credentials("PT30S");
    assertThat(credentials.verify("legal", "secret", "192.0.2.1")).isPresent();
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThat(credentials.verify("legal", "wrong", "192.0.2.1")).isEmpty();
    }
    // each failure counts towards Camunda's lock-out
    verify(identity, times(3)).checkPassword("legal", "wrong");
    // and the remembered success is gone: the next request is checked again (a lock would show)
    when(identity.checkPassword("legal", "secret")).thenReturn(false);
    assertThat(credentials.verify("legal", "secret", "192.0.2.1")).isEmpty();
  }

  @Test
  void withoutTimeToLiveEveryRequestIsChecked() {
    VerifiedCredentials credentials = credentials("PT0S");
    credentials.verify("legal", "secret", "192.0.2.1");
    credentials.verify("legal", "secret", "192.0.2.1");
    verify(identity, times(2)).checkPassword("legal", "secret");
  }

  @Test
  void missingPartsAreRefusedWithoutAsking() {
    VerifiedCredentials credentials = credentials("PT30S");
    assertThat(credentials.verify(null, "secret", "192.0.2.1")).isEmpty();
    assertThat(credentials.verify("", "secret", "192.0.2.1")).isEmpty();
    assertThat(credentials.verify("legal", null, "192.0.2.1")).isEmpty();
    verify(identity, times(0)).checkPassword(anyString(), anyString());
  }

  private VerifiedCredentials credentials(String ttl) {
    CredentialProperties properties = new CredentialProperties(Duration.parse(ttl),
        new CredentialProperties.Throttle(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15)));
    return new VerifiedCredentials(identity, properties, mock(DecisionLog.class),
        mock(ProcessEngineConfigurationImpl.class));
  }
}
