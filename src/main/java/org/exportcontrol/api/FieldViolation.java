package org.exportcontrol.api;

/** One bad field of a request: its JSON path (such as {@code endUser.country}) and what is wrong with it. */
public record FieldViolation(String field, String message) {}
