package org.exportcontrol.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The user name is read from the login form as Camunda's login resource gets it. */
class WebappLoginThrottleTest {

  @Test
  void theUserNameIsTheFirstDecodedValue() {
    assertThat(user("password=x%26y&username=l%C3%A9gal+team")).isEqualTo("légal team");
    assertThat(user("username=first&username=second")).isEqualTo("first");
    assertThat(user("user%6Eame=encoded-name")).isEqualTo("encoded-name");
  }

  @Test
  void aFormWithoutAUsableUserNameHasNone() {
    assertThat(user("")).isNull();
    assertThat(user("password=only")).isNull();
    assertThat(user("=nameless&username")).isNull();
    assertThat(user("username=%zz")).as("counted as an unknown user").isNull();
  }

  private static String user(String form) {
    return WebappLoginThrottle.formValue(form, "username", StandardCharsets.UTF_8);
  }
}
