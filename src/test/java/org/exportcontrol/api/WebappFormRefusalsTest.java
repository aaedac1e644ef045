package org.exportcontrol.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tasklist shows a refusal's message as it is: the rule's sentence, without Camunda's task id in front (issue 16, 3). */
class WebappFormRefusalsTest {

  @Test
  void stripsCamundasPrefixAndKeepsItsFormat() {
    byte[] body = WebappFormRefusals.Filter.sentence(("{\"type\":\"RestException\",\"message\":\"Cannot submit task form "
        + "1a4f449f-f198-11f1-853b-02fc00000001: Please give your comments: they are required.\",\"code\":null}")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"RestException\",\"message\":\"Please give your comments: they are required.\",\"code\":null}");
  }

  @Test
  void leavesOtherErrorsAlone() {
    assertThat(WebappFormRefusals.Filter.sentence("{\"message\":\"Task not found\"}".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(WebappFormRefusals.Filter.sentence("not json".getBytes(StandardCharsets.UTF_8))).isNull();
  }
}
