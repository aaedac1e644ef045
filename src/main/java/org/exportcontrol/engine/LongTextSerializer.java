package org.exportcontrol.engine;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.impl.variable.serializer.PrimitiveValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Stores a String variable longer than the engine's text column (varchar(4000) on every database)
 * in the engine's byte-array table instead, so a 20-purpose application or an 8000-character
 * rationale typed in Tasklist is kept whole rather than failing the step with a database error.
 * The variable stays of type String for the REST API, Tasklist's forms and Cockpit; shorter
 * strings keep Camunda's own serializer, so they can still be queried by value.
 */
public class LongTextSerializer extends PrimitiveValueSerializer<StringValue> {

  /** Characters the engine's {@code TEXT_} columns hold. */
  public static final int TEXT_COLUMN_LENGTH = 4000;

  /** The name stored with each such variable: it must never change once rows carry it. */
  public static final String NAME = "longString";

  public LongTextSerializer() {
    super(ValueType.STRING);
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  protected boolean canWriteValue(TypedValue typedValue) {
    return typedValue.getValue() instanceof String text && text.length() > TEXT_COLUMN_LENGTH;
  }

  @Override
  public StringValue convertToTypedValue(UntypedValueImpl untypedValue) {
    return Variables.stringValue((String) untypedValue.getValue(), untypedValue.isTransient());
  }

  @Override
  public StringValue readValue(ValueFields valueFields, boolean isTransient) {
    byte[] bytes = valueFields.getByteArrayValue();
    return Variables.stringValue(bytes == null ? null : new String(bytes, StandardCharsets.UTF_8), isTransient);
  }

  @Override
  public void writeValue(StringValue value, ValueFields valueFields) {
    valueFields.setByteArrayValue(value.getValue().getBytes(StandardCharsets.UTF_8));
  }
}
