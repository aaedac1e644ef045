package org.exportcontrol.engine;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/** A completion that lacks a required field or has a wrong value: answered 400, the task stays open. */
public class TaskRuleViolation extends FormFieldValidationException {

  public TaskRuleViolation(String field, String message) {
    super(field, message);
  }
}
