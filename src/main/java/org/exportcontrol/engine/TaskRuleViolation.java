package org.exportcontrol.engine;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A completion that lacks a required field or has a wrong value: answered 400, the task stays open.
 * The message is a sentence for the person at the form (Tasklist shows it as it is); the field's
 * name is kept apart ({@link #getField()}) for API clients: /engine-rest answers it as {@code field}
 * and {@code errors} of its problem+json.
 */
public class TaskRuleViolation extends FormFieldValidationException {

  private final String field;

  public TaskRuleViolation(String field, String message) {
    super(field, message);
    this.field = field;
  }

  public String getField() {
    return field;
  }
}
