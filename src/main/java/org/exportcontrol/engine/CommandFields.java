package org.exportcontrol.engine;

import java.lang.reflect.Field;

/**
 * Reads a field of one of Camunda's command objects, which expose no getters. Internal API: a field
 * that a Camunda upgrade renames makes {@link #required} fail loudly, never a rule pass silently.
 */
final class CommandFields {

  private CommandFields() {}

  /** The field's value; a missing field is a changed Camunda, and fails. */
  static Object required(Object command, String name) {
    Field field = find(command, name);
    if (field == null) {
      throw new IllegalStateException("Camunda's " + command.getClass().getSimpleName() + " changed: " + name);
    }
    return read(field, command);
  }

  /** The field's value, or null where the object has no such field. */
  static Object optional(Object source, String name) {
    Field field = find(source, name);
    return field == null ? null : read(field, source);
  }

  private static Field find(Object source, String name) {
    for (Class<?> type = source.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
      } catch (NoSuchFieldException e) {
        // declared further up, or not at all
      }
    }
    return null;
  }

  private static Object read(Field field, Object source) {
    try {
      return field.get(source);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot read " + field, e);
    }
  }
}
