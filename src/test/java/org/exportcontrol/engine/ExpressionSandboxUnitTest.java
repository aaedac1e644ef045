package org.exportcontrol.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.junit.jupiter.api.Test;

/** The run-time sandbox on its own: what each kind of base may be asked, and the refusal's words. */
class ExpressionSandboxUnitTest {

  /** An allowed bean; a list, so that an equal list that is not the bean can be made. */
  final List<String> bean = new ArrayList<>(List.of("x"));
  final ExpressionSandbox sandbox = new ExpressionSandbox(Map.of("sla", bean));

  @Test
  void bareNamesAreNotItsBusiness() {
    assertThat(sandbox.getValue(null, null, "getClass")).isNull();
    assertThat(sandbox.getType(null, null, "anything")).isNull();
    assertThat(sandbox.isReadOnly(null, null, "anything")).isFalse();
    sandbox.setValue(null, null, "anything", 1);
  }

  @Test
  void itResolvesNothingItself() {
    assertThat(sandbox.getValue(null, bean, "suspensionReview")).isNull();
    assertThat(sandbox.getType(null, bean, "suspensionReview")).isNull();
    assertThat(sandbox.isReadOnly(null, bean, "suspensionReview")).isFalse();
    assertThat(sandbox.invoke(null, bean, "suspensionReview", null, null)).isNull();
    assertThat(sandbox.getFeatureDescriptors(null, bean)).isNull();
    assertThat(sandbox.getCommonPropertyType(null, bean)).isNull();
  }

  @Test
  void aForbiddenNameIsRefusedOnAnyObjectWhicheverWayItIsRead() {
    refused(() -> sandbox.getValue(null, bean, "getClass"), "'getClass' on java.util.ArrayList is not allowed");
    refused(() -> sandbox.getType(null, "text", "Class"), "'Class' on java.lang.String is not allowed");
    refused(() -> sandbox.isReadOnly(null, Map.of(), "classLoader"), "'classLoader' on java.util.ImmutableCollections$MapN is not allowed");
    refused(() -> sandbox.setValue(null, Map.of(), "class", 1), "'class' on java.util.ImmutableCollections$MapN is not allowed");
  }

  @Test
  void beansMapsAndPlainValuesMayBeRead() {
    for (Object base : List.of(bean, Map.of("a", 1), "text", 42, 4.2, true, 'c', new Date(0), LocalDate.of(2026, 1, 1))) {
      assertThat(sandbox.getValue(null, base, "anything")).as(base.getClass().getName()).isNull();
    }
  }

  @Test
  void theEngineObjectsShowOnlyTheirPlainValues() {
    VariableScope execution = mock(VariableScope.class);
    ExternalTask externalTask = mock(ExternalTask.class);
    assertThat(sandbox.getValue(null, execution, "processBusinessKey")).isNull();
    assertThat(sandbox.getValue(null, externalTask, "id")).isNull();
    refused(() -> sandbox.getValue(null, execution, "variables"), "property 'variables' of "
        + execution.getClass().getName() + " is not allowed; allowed: " + ExpressionPolicy.SAFE_ENGINE_PROPERTIES);
    refused(() -> sandbox.getValue(null, externalTask, "workerId"), "property 'workerId' of "
        + externalTask.getClass().getName() + " is not allowed; allowed: " + ExpressionPolicy.SAFE_ENGINE_PROPERTIES);
  }

  @Test
  void listsAndArraysOnlyByIndex() {
    List<String> list = List.of("a", "b");
    assertThat(sandbox.getValue(null, list, 1)).isNull();
    assertThat(sandbox.getValue(null, list, 1L)).isNull();
    assertThat(sandbox.getValue(null, list, "123456789")).isNull();
    assertThat(sandbox.getValue(null, new String[] {"a"}, 0)).isNull();
    refused(() -> sandbox.getValue(null, list, "1234567890"), "property '1234567890' of " + list.getClass().getName()
        + " is not allowed");
    refused(() -> sandbox.getValue(null, list, "empty"), "property 'empty' of " + list.getClass().getName()
        + " is not allowed");
    refused(() -> sandbox.getValue(null, list, null), "property 'null' of " + list.getClass().getName()
        + " is not allowed");
    refused(() -> sandbox.getValue(null, new Object(), 0), "property '0' of java.lang.Object is not allowed");
    refused(() -> sandbox.getValue(null, new StringBuilder("x"), "length"),
        "property 'length' of java.lang.StringBuilder is not allowed");
  }

  @Test
  void nothingIsSetOnABeanOrTheEngine() {
    refused(() -> sandbox.setValue(null, bean, "x", 1), "setting 'x' on java.util.ArrayList is not allowed");
    VariableScope execution = mock(VariableScope.class);
    refused(() -> sandbox.setValue(null, execution, "processBusinessKey", "k"),
        "setting 'processBusinessKey' on " + execution.getClass().getName() + " is not allowed");
    sandbox.setValue(null, new java.util.HashMap<>(), "key", "value");
    sandbox.setValue(null, "text", "anything", "value");
  }

  @Test
  void onlyTheBeansMethodsMayBeCalledAndNotObjectsOnes() {
    refused(() -> sandbox.invoke(null, null, "exec", null, null),
        "calling 'exec' on null is not allowed: only the methods of allowed beans may be called");
    refused(() -> sandbox.invoke(null, new ArrayList<>(List.of("x")), "size", null, null),
        "calling 'size' on java.util.ArrayList is not allowed: only the methods of allowed beans may be called");
    refused(() -> sandbox.invoke(null, "text", null, null, null),
        "calling 'null' on java.lang.String is not allowed: only the methods of allowed beans may be called");
    refused(() -> sandbox.invoke(null, bean, "getClass", null, null), "calling 'getClass' on java.util.ArrayList is not allowed");
    refused(() -> sandbox.invoke(null, bean, "wait", null, null), "calling 'wait' on java.util.ArrayList is not allowed");
  }

  private static void refused(ThrowingCallable call, String what) {
    assertThatThrownBy(call).isInstanceOf(ExpressionRefusedException.class)
        .hasMessage("Refused by the expression sandbox: " + what);
  }
}
